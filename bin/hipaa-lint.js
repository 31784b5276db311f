#!/usr/bin/env node
'use strict';
// The CLI bundle runs itself when required from here (see server/src/cli/main.ts, isEntryPoint).
require('../dist/cli.js');
