/** What the engine reports: one finding per rule failure, editor- and CLI-neutral. */
import type { Location, Range, Resource } from './model/types';
import type { Failure } from './rules/outcome';
import type { Target } from './rules/types';

export type FindingSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface Citation {
  section: string;
  title: string;
  page: number;
  document: string;
  url: string;
}

export interface Finding {
  ruleId: string;
  severity: FindingSeverity;
  message: string;
  file: string;
  range: Range;
  resource?: { type: string; name: string };
  related: { location: Location; message: string }[];
  citation?: Citation;
  /** Set when a suppression with a reason covers the finding. */
  suppressed?: { reason: string; location: Location };
  /** A "cannot verify" hint: the value is only known at deploy time. */
  unknown?: boolean;
  /** Internal: what the fix needs (not serialised). */
  origin?: { target: Target; failure: Failure; resource: Resource };
}
