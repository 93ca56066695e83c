import type { OperationPlan } from '../../index.js';
import type { CommandContext } from '../command-host.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { formatFields, formatTable, plural, writeJson, writeLine, type Cell } from '../format.js';
import { duration } from '../progress.js';
import { quote } from '../quote.js';

// `--dry-run`: the plan the library returns, printed for people (or as JSON). Exit 0: a plan is
// a successful answer, whatever it says the run would do.

/** Ids listed in the human output; --json always has all of them. */
const SHOWN = 20;

const WHAT: Record<OperationPlan['operation'], string> = {
  deleteCollection: 'delete collection',
  deleteItems: 'delete items',
  addItems: 'add items',
  removeItems: 'remove items',
  syncCollection: 'sync collection',
};

function ids(list: readonly string[]): string {
  const shown = list.slice(0, SHOWN).map(quote).join(', ');
  return list.length > SHOWN ? `${shown}, … (${list.length - SHOWN} more; --json lists all)` : shown;
}

function cascadeText(plan: OperationPlan): string | undefined {
  const { cascade } = plan;
  if (cascade === undefined) return undefined;
  const count = cascade.items === undefined ? 'every item' : plural(cascade.items, 'item');
  return cascade.deletesItems ? `deletes ${count} with it (cannot be undone)` : `unlinks ${count} from it (not deleted)`;
}

function quotaText(plan: OperationPlan): string {
  const { quota } = plan;
  if (quota === undefined) return 'unknown (no rate-limit window known for this credential)';
  const resets = quota.resetAt === undefined ? '' : `, resets in ${duration(quota.resetAt - Date.now())}`;
  return `${quota.remaining} of ${quota.limit} requests left${resets}`;
}

export function printPlan({ io }: CommandContext, plan: OperationPlan): void {
  const target = plan.collectionId === undefined ? '' : ` ${quote(plan.collectionId)}`;
  writeLine(io.stdout, `${plan.provider}: dry run of ${WHAT[plan.operation]}${target}. Nothing was written `
    + `(${plural(plan.readsSent, 'read')} sent to plan it).`);
  const batch = plan.operation !== 'deleteCollection';
  const fields: Array<[string, Cell]> = [
    [plan.operation === 'syncCollection' ? 'desired' : 'requested', batch ? plan.requested : undefined],
    ['would succeed', batch ? plan.affected.length : undefined],
    ['would fail', batch ? plan.skipped.length : undefined],
    ['to add', plan.changes?.add.length],
    ['to take out', plan.operation === 'syncCollection' ? plan.changes?.remove.length : undefined],
    ['already right', plan.changes?.unchanged],
    ['cascade', cascadeText(plan)],
    ['write requests', plan.writeRequests],
    ['reads first', plan.readRequests],
    ['quota', quotaText(plan)],
    ['share of a window', plan.quotaShare === undefined ? undefined : `${Math.round(plan.quotaShare * 1000) / 10}%`],
    ['ETA', plan.etaMs === undefined ? undefined : duration(plan.etaMs)],
  ];
  writeLine(io.stdout, formatFields(fields).replace(/^/gm, '  '));
  if (plan.operation === 'syncCollection' && plan.changes !== undefined) {
    if (plan.changes.add.length > 0) writeLine(io.stdout, `\nTo add (${plan.changes.add.length}): ${ids(plan.changes.add)}`);
    if (plan.changes.remove.length > 0) writeLine(io.stdout, `To take out (${plan.changes.remove.length}): ${ids(plan.changes.remove)}`);
  }
  if (plan.skipped.length > 0) {
    writeLine(io.stdout, `\nWould fail (${plan.skipped.length}):`);
    writeLine(io.stdout, formatTable(
      [{ header: 'ID' }, { header: 'CODE' }, { header: 'REASON' }],
      plan.skipped.slice(0, SHOWN).map((skip) => [skip.id, skip.code, skip.reason]),
    ));
    if (plan.skipped.length > SHOWN) writeLine(io.stdout, `… ${plan.skipped.length - SHOWN} more; --json lists all`);
  }
}

/** Prints the plan (JSON with --json) and exits 0. */
export function planned(context: CommandContext, plan: OperationPlan): ExitCode {
  if (context.options.json === true) writeJson(context.io, plan);
  else printPlan(context, plan);
  return EXIT.OK;
}
