#!/usr/bin/env node
/** Entry point: `hipaa-language-server --stdio` (or node IPC when started by the VS Code client). */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
// A failure in one request must never take the server down.
process.on('uncaughtException', (e) => connection.console.error(`internal error: ${e.stack ?? e}`));
startServer(connection);
