// Handlers of this capability's contract slice (src/shared/api/cases.ts): people & households (peoplehandlers.ts),
// the case workflow, changes, standards and settings, the worklist and the payment roll.
import type { casesApi, CaseSettings } from '../../../shared/api/cases';
import { LedgerError } from '../../../shared/errors';
import { todayOf, type Handlers } from '../kernel';
import { peopleHandlers } from './peoplehandlers';
import { saveSettings, type SettingChange } from '../settings';
import { amountFor, loadCase } from './caseops';
import { changeAmount, recheck, setKin, stop, taper } from './changes';
import { approve, completePaperwork, grantAdvance, reject, withdraw } from './decisions';
import { grantIdException } from './identity';
import { exclusionRulesView } from './rules';
import {
  confirmPreview,
  confirmRoll,
  exportBank,
  generateRoll,
  getRoll,
  listRolls,
  printableRoll,
  rollLines,
} from './rolls';
import { getCaseSettings, listStandards, RESERVE_KEY, reserveBalance, SETTINGS_KEY } from './settings';
import { confirmAdjustments, proposeAdjustments, putStandard } from './standards';
import { caseDetail, listCases } from './views';
import { createCase, endPublicity, investigate, objection, preliminary, publicize } from './workflow';
import { publicitySheet, worklist } from './worklist';

// people.recordDeath is handled by lifeevents/handlers.ts (the death record and what it does to the cases).
export const casesHandlers: Omit<Handlers<typeof casesApi>, 'people.recordDeath'> = {
  ...peopleHandlers,

  'cases.list': async (ctx, input) => listCases(ctx, input),
  'cases.get': async (ctx, input) => caseDetail(ctx, input.id),
  'cases.create': async (ctx, input) => caseDetail(ctx, await createCase(ctx, input)),
  'cases.investigate': async (ctx, input) => (await investigate(ctx, input), caseDetail(ctx, input.id)),
  'cases.preliminary': async (ctx, input) => (await preliminary(ctx, input), caseDetail(ctx, input.id)),
  'cases.publicize': async (ctx, input) => (await publicize(ctx, input), caseDetail(ctx, input.id)),
  'cases.objection': async (ctx, input) => (await objection(ctx, input), caseDetail(ctx, input.id)),
  'cases.endPublicity': async (ctx, input) => (await endPublicity(ctx, input), caseDetail(ctx, input.id)),
  'cases.approve': async (ctx, input) => (await approve(ctx, input), caseDetail(ctx, input.id)),
  'cases.reject': async (ctx, input) => (await reject(ctx, input), caseDetail(ctx, input.id)),
  'cases.withdraw': async (ctx, input) => (await withdraw(ctx, input), caseDetail(ctx, input.id)),
  'cases.grantAdvance': async (ctx, input) => (await grantAdvance(ctx, input), caseDetail(ctx, input.id)),
  'cases.completePaperwork': async (ctx, input) => (await completePaperwork(ctx, input), caseDetail(ctx, input.id)),
  'cases.recheck': async (ctx, input) => (await recheck(ctx, input), caseDetail(ctx, input.id)),
  'cases.changeAmount': async (ctx, input) => (await changeAmount(ctx, input), caseDetail(ctx, input.id)),
  'cases.taper': async (ctx, input) => (await taper(ctx, input), caseDetail(ctx, input.id)),
  'cases.stop': async (ctx, input) => (await stop(ctx, input), caseDetail(ctx, input.id)),
  'cases.idException': async (ctx, input) => (await grantIdException(ctx, input), caseDetail(ctx, input.id)),
  'cases.setKin': async (ctx, input) => (await setKin(ctx, input), caseDetail(ctx, input.id)),
  'cases.computeAmount': async (ctx, input) => {
    const c = await loadCase(ctx, input.id);
    const month = input.month ?? c.start_month ?? todayOf(ctx).slice(0, 7);
    return amountFor(ctx, c, month);
  },
  'cases.kinRegister': async (ctx, input) => listCases(ctx, { ...input, kinOnly: true }),
  'cases.worklist': async (ctx, input) => worklist(ctx, input),
  'cases.rules': async () => exclusionRulesView(),
  'cases.publicitySheet': async (ctx, input) => publicitySheet(ctx, input),

  'caseSettings.get': async (ctx) => getCaseSettings(ctx.db),
  'caseSettings.put': async (ctx, input) => {
    const { version, ...changed } = input;
    // The settings as stored (defaults filled in) with the sections the form sent; the entry keeps what was sent.
    const decide = async (): Promise<SettingChange[]> => {
      const { version: _v, ...stored } = await getCaseSettings(ctx.db);
      const merged: CaseSettings = {
        ...stored,
        ...(input.deadlines ? { deadlines: { ...stored.deadlines, ...input.deadlines } } : {}),
        ...(input.recheck ? { recheck: { ...stored.recheck, ...input.recheck } } : {}),
        ...(input.supplementRules ? { supplementRules: input.supplementRules } : {}),
        ...(input.bianyuanMultiple !== undefined ? { bianyuanMultiple: input.bianyuanMultiple } : {}),
        ...(input.taperMaxMonths !== undefined ? { taperMaxMonths: input.taperMaxMonths } : {}),
        ...(input.deathRecheckMonths !== undefined ? { deathRecheckMonths: input.deathRecheckMonths } : {}),
        ...(input.gangxingValidityMonths !== undefined ? { gangxingValidityMonths: input.gangxingValidityMonths } : {}),
        ...(input.linshi ? { linshi: input.linshi } : {}),
        ...(input.canjiCareMentalExtension !== undefined
          ? { canjiCareMentalExtension: input.canjiCareMentalExtension }
          : {}),
      };
      for (const [cat, d] of Object.entries(merged.deadlines)) {
        if (d.overallSpecialDays < d.overallDays) {
          throw new LedgerError('BAD_INPUT', `${cat}：特殊情况的总时限不能短于一般时限`, {
            [`deadlines.${cat}.overallSpecialDays`]: '不能短于一般时限',
          });
        }
      }
      return [{ key: SETTINGS_KEY, value: merged, before: undefined, after: changed }];
    };
    await saveSettings(ctx, [SETTINGS_KEY], version, { action: 'settings.cases', what: '救助设置' }, decide);
    return getCaseSettings(ctx.db);
  },
  'standards.list': async (ctx, input) => {
    const all = await listStandards(ctx.db);
    return all
      .filter((s) => !input.category || s.category === input.category)
      .sort((a, b) => (a.category + a.area + b.effectiveMonth < b.category + b.area + a.effectiveMonth ? -1 : 1));
  },
  'standards.put': async (ctx, input) => putStandard(ctx, input),
  'standards.propose': async (ctx, input) => proposeAdjustments(ctx, input.month, input.category),
  'standards.confirm': async (ctx, input) => ({ confirmed: await confirmAdjustments(ctx, input) }),
  'reserve.get': async (ctx) => reserveBalance(ctx.db),
  'reserve.topUp': async (ctx, input) => {
    const write = { action: 'reserve.top_up', what: '备用金余额', reason: input.reason };
    await saveSettings(ctx, [RESERVE_KEY], input.version, write, async () => {
      const { balanceFen } = await reserveBalance(ctx.db);
      const after = balanceFen + input.amountFen;
      return [{ key: RESERVE_KEY, value: after, before: { balance_fen: balanceFen }, after: { balance_fen: after } }];
    });
    return reserveBalance(ctx.db);
  },

  'rolls.list': async (ctx) => listRolls(ctx),
  'rolls.generate': async (ctx, input) => generateRoll(ctx, input.month, input.lockReason),
  'rolls.get': async (ctx, input) => getRoll(ctx, input.month),
  'rolls.lines': async (ctx, input) => rollLines(ctx, input),
  'rolls.confirmPreview': async (ctx, input) => confirmPreview(ctx, input.month),
  'rolls.confirm': async (ctx, input) => confirmRoll(ctx, input.month, input.version, input.acknowledgeEarlier),
  'rolls.exportBank': async (ctx, input) => exportBank(ctx, input),
  'rolls.printable': async (ctx, input) => printableRoll(ctx, input),
};
