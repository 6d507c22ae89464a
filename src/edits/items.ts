// Items: create, edit one field (re-read and compared before sending), delete.
import * as vscode from 'vscode';
import type { RetracClient } from '../api/client';
import { isRetracError } from '../api/errors';
import type { Item, ItemCreate, ItemUpdate, Tag } from '../api/types';
import type { NodeRef } from '../inventoryEvents';
import { BACK } from '../quickInput';
import { showError } from '../showError';
import {
  askText, begin, editErrorMessage, CANCELLED, confirmStep, FINISH, isOutcome, pickItem, runFlow, textStep, unchangedSinceShown, type EditDeps, type EditOutcome,
} from './flow';
import { parseAmount } from './quantity';
import { confirmedWrite } from './write';

const t = vscode.l10n.t;

function skuProblem(v: string): string | undefined {
  const sku = v.trim();
  if (!sku) return t('Type a SKU.');
  if (sku.length > 190) return t('A SKU has at most 190 characters.');
  return undefined;
}

function amountProblem(v: string, optional: boolean): string | undefined {
  if (optional && !v.trim()) return undefined;
  return parseAmount(v) === undefined ? t('Type an amount ≥ 0, e.g. 12.50.') : undefined;
}

function formatAmount(n: number | null | undefined): string {
  return n === undefined || n === null ? t('(none)') : String(n);
}

/** Tag names typed as "a, b" → the tags, or a message naming the unknown ones. */
function resolveTags(text: string, tags: Tag[]): { tags: Tag[] } | { problem: string } {
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  const found: Tag[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const tag = tags.find((tg) => tg.name.toLowerCase() === name.toLowerCase());
    if (tag) {
      if (!found.includes(tag)) found.push(tag);
    } else unknown.push(name);
  }
  return unknown.length
    ? { problem: unknown.length === 1
      ? t('Unknown tag: {0}. Create it first with "Retrac: Create Tag".', unknown[0])
      : t('Unknown tags: {0}. Create them first with "Retrac: Create Tag".', unknown.join(', ')) }
    : { tags: found };
}

function itemChanged(deps: EditDeps, item: Pick<Item, 'id'>, listChanged: boolean): void {
  deps.events.fire({ itemIds: [item.id], lists: listChanged ? ['items'] : undefined });
}

/** After a lost answer: the item with exactly this SKU, or null when there is none. */
async function findBySku(client: RetracClient, sku: string): Promise<Item | null> {
  const rows = await client.listItems({ sku, pageSize: 100 });
  return rows.find((i) => i.sku === sku) ?? null;
}

/** The item with its tags (list with `withTags`, since retrieve may omit them). */
export async function readItemWithTags(client: RetracClient, item: Pick<Item, 'id' | 'sku'>): Promise<Item> {
  const rows = await client.listItems({ sku: item.sku, withTags: true, pageSize: 100 });
  return rows.find((i) => i.id === item.id) ?? (await client.getItem(item.id));
}

/** Reads the item with its tags into `s.item`; on failure says why and returns false. */
export async function loadItem(client: RetracClient, action: string, s: { item?: Item }, id: Pick<Item, 'id' | 'sku'>): Promise<boolean> {
  try {
    s.item = await readItemWithTags(client, id);
    return true;
  } catch (e) {
    void showError(editErrorMessage(e, { action, sku: id.sku }));
    return false;
  }
}

// ---- create -------------------------------------------------------------------------------------

interface CreateItemState {
  sku?: string;
  description?: string;
  cost?: number;
  sellPrice?: number;
  tagText?: string;
  tags?: Tag[];
}

export async function createItemCommand(deps: EditDeps): Promise<EditOutcome<Item>> {
  const action = t('Create item');
  const client = await begin(deps, action, ['items.write']);
  if (isOutcome(client)) return client;
  const title = t('Create Item');
  let knownTags: Tag[] | undefined;
  const state = await runFlow<CreateItemState>({}, ['sku', 'description', 'cost', 'sellPrice', 'tags', 'confirm'], {
    sku: textStep(deps, (s) => ({ title: t('{0}: SKU', title), prompt: t('The SKU (unique in the workspace).'), value: s.sku, validate: skuProblem }),
      (s, v) => { s.sku = v; }, 'description'),
    description: textStep(deps, (s) => ({
      title: t('{0}: description', title), prompt: t('What the item is.'), value: s.description,
      validate: (x) => (x.trim() ? undefined : t('Type a description.')),
    }), (s, v) => { s.description = v; }, 'cost'),
    cost: textStep(deps, (s) => ({ title: t('{0}: cost', title), prompt: t('Unit cost, e.g. 12.50.'), value: s.cost?.toString(), validate: (x) => amountProblem(x, false) }),
      (s, v) => { s.cost = parseAmount(v); }, 'sellPrice'),
    sellPrice: textStep(deps, (s) => ({ title: t('{0}: sell price (optional)', title), prompt: t('Unit sell price; leave empty for none.'), value: s.sellPrice?.toString(), validate: (x) => amountProblem(x, true) }),
      (s, v) => { s.sellPrice = v ? parseAmount(v) : undefined; }, 'tags'),
    tags: textStep(deps, async (s) => {
      knownTags ??= await client.listTags().catch(() => []);
      const tags = knownTags;
      return {
        title: t('{0}: tags (optional)', title),
        prompt: tags.length ? t('Comma-separated tag names. Existing: {0}', tags.map((tg) => tg.name).join(', ')) : t('No tags exist yet; leave empty.'),
        value: s.tagText,
        validate: (x) => { const r = resolveTags(x, tags); return 'problem' in r ? r.problem : undefined; },
      };
    }, (s, v) => {
      const r = resolveTags(v, knownTags ?? []);
      s.tagText = v;
      s.tags = 'tags' in r ? r.tags : [];
    }, 'confirm'),
    confirm: (s, ctx) => confirmStep(deps, ctx, title,
      t('Create {0} — {1} (cost {2}, sell price {3})', s.sku!, s.description!, formatAmount(s.cost), formatAmount(s.sellPrice)),
      t('Create item'),
      s.tags?.length ? t('Tags: {0}', s.tags.map((tg) => tg.name).join(', ')) : undefined),
  });
  if (!state) return CANCELLED;
  const body: ItemCreate = { sku: state.sku!, description: state.description!, cost: state.cost! };
  if (state.sellPrice !== undefined) body.sellPrice = state.sellPrice;
  if (state.tags?.length) body.tagIds = state.tags.map((tg) => tg.id);
  return confirmedWrite(deps, {
    action, context: { sku: body.sku },
    progress: t('Creating {0}…', body.sku),
    send: () => client.createItem(body),
    applied: (item) => { itemChanged(deps, item, true); void deps.explorer.reveal({ kind: 'item', id: item.id }); },
    done: (item) => t('Created item {0}.', item.sku),
    recheck: async () => {
      const found = await findBySku(client, body.sku);
      return found
        ? { applied: found, message: t('The connection dropped after sending, but item {0} was created.', found.sku) }
        : { unchanged: t('{0}: the connection dropped before {1} was created; nothing changed.', action, body.sku) };
    },
    couldNotCheck: () => t('{0}: the connection dropped and the result could not be checked.', action),
  });
}

// ---- edit ---------------------------------------------------------------------------------------

type ItemField = 'sku' | 'description' | 'cost' | 'sellPrice' | 'tags';

interface EditItemState {
  item?: Item;
  field?: ItemField;
  input?: string;
  update?: ItemUpdate;
  /** The field's value as shown, compared with a fresh read before sending. */
  shown?: string;
  newText?: string;
  staleNotice?: string;
}

function fieldText(item: Item, field: ItemField): string {
  switch (field) {
    case 'sku': return item.sku;
    case 'description': return item.description;
    case 'cost': return String(item.cost);
    case 'sellPrice': return item.sellPrice === undefined || item.sellPrice === null ? '' : String(item.sellPrice);
    case 'tags': return (item.tags ?? []).map((tg) => tg.name).sort().join(', ');
  }
}

export async function editItemCommand(deps: EditDeps, ref?: NodeRef): Promise<EditOutcome<Item>> {
  const action = t('Edit item');
  const client = await begin(deps, action, ['items.write']);
  if (isOutcome(client)) return client;
  const title = t('Edit Item');
  let knownTags: Tag[] | undefined;
  const initial: EditItemState = {};
  if (ref?.item && !(await loadItem(client, action, initial, ref.item))) return CANCELLED;
  const state = await runFlow<EditItemState>(initial, [...(initial.item ? [] : ['item']), 'field', 'value', 'confirm'], {
    item: async (s, ctx) => {
      const picked = await pickItem(deps, client, title, ctx);
      if (picked === BACK || picked === undefined) return picked;
      return (await loadItem(client, action, s, picked.item)) ? 'field' : undefined;
    },
    field: async (s, ctx) => {
      const item = s.item!;
      const fields: (vscode.QuickPickItem & { field: ItemField })[] = [
        { field: 'sku', label: t('SKU'), description: item.sku },
        { field: 'description', label: t('Description'), description: item.description },
        { field: 'cost', label: t('Cost'), description: String(item.cost) },
        { field: 'sellPrice', label: t('Sell price'), description: formatAmount(item.sellPrice) },
        { field: 'tags', label: t('Tags'), description: fieldText(item, 'tags') || t('(none)') },
      ];
      const picked = await deps.inputs.pick({ title: t('{0}: {1}', title, item.sku), ...ctx, placeholder: t('Which field?'), items: fields });
      if (picked === BACK || picked === undefined) return picked;
      s.field = picked.field;
      s.shown = fieldText(item, picked.field);
      s.input = undefined;
      return 'value';
    },
    value: async (s, ctx) => {
      const field = s.field!;
      if (field === 'tags') knownTags ??= await client.listTags().catch(() => []);
      const tags = knownTags ?? [];
      const validate = (v: string): string | undefined => {
        switch (field) {
          case 'sku': return skuProblem(v);
          case 'description': return v.trim() ? undefined : t('Type a description.');
          case 'cost': return amountProblem(v, false);
          // The contract has no way to clear a sell price, so an amount is required here.
          case 'sellPrice': return amountProblem(v, false);
          case 'tags': { const r = resolveTags(v, tags); return 'problem' in r ? r.problem : undefined; }
        }
      };
      const prompt = {
        sku: t('The new SKU (unique in the workspace).'),
        description: t('The new description.'),
        cost: t('The new unit cost.'),
        sellPrice: t('The new sell price.'),
        tags: tags.length ? t('Comma-separated tag names (replaces the item\'s tags). Existing: {0}', tags.map((tg) => tg.name).join(', ')) : t('No tags exist yet.'),
      }[field];
      // Not textStep: the untrimmed input is kept, so Back shows exactly what was typed.
      const v = await askText(deps, ctx, {
        title: t('{0}: {1}', title, s.item!.sku),
        prompt: (s.staleNotice ? s.staleNotice + ' ' : '') + prompt,
        value: s.input ?? s.shown,
        validate,
      });
      if (v === BACK || v === undefined) return v;
      s.input = v;
      const update: ItemUpdate = {};
      if (field === 'sku') update.sku = v.trim();
      else if (field === 'description') update.description = v.trim();
      else if (field === 'cost') update.cost = parseAmount(v);
      else if (field === 'sellPrice') update.sellPrice = parseAmount(v);
      else {
        const r = resolveTags(v, tags);
        const chosen = 'tags' in r ? r.tags : [];
        update.tagIds = chosen.map((tg) => tg.id);
      }
      s.update = update;
      s.newText = field === 'tags' ? (update.tagIds ?? []).map((id) => tags.find((tg) => tg.id === id)!.name).sort().join(', ') : v.trim();
      s.staleNotice = undefined;
      return 'confirm';
    },
    confirm: async (s, ctx) => {
      const label = { sku: t('SKU'), description: t('Description'), cost: t('Cost'), sellPrice: t('Sell price'), tags: t('Tags') }[s.field!];
      const r = await confirmStep(deps, ctx, title, t('{0} of {1}: {2} → {3}', label, s.item!.sku, s.shown || t('(none)'), s.newText || t('(none)')), t('Save'));
      if (r !== FINISH) return r;
      return unchangedSinceShown({
        progress: t('Checking {0}…', s.item!.sku),
        read: () => readItemWithTags(client, s.item!),
        failure: { action, sku: s.item!.sku },
        changed: (fresh) => fieldText(fresh, s.field!) !== s.shown,
        rewind: (fresh) => {
          const now = fieldText(fresh, s.field!);
          const warning = t('{0} of {1} changed while you were editing. Check the new value and confirm again.', label, s.item!.sku);
          s.staleNotice = t('Changed since shown: "{0}" → "{1}".', s.shown!, now);
          s.item = fresh;
          s.shown = now;
          return warning;
        },
        step: 'value',
      });
    },
  });
  if (!state) return CANCELLED;
  const item = state.item!;
  const update = state.update!;
  return confirmedWrite(deps, {
    action, context: { sku: update.sku },
    progress: t('Saving {0}…', item.sku),
    send: () => client.updateItem(item.id, update),
    applied: (saved) => deps.events.fire({ itemIds: [saved.id], tags: state.field === 'tags' || undefined, lists: state.field === 'sku' ? ['items'] : undefined }),
    done: (saved) => t('Saved {0}.', saved.sku),
    recheck: async () => {
      const fresh = await readItemWithTags(client, item);
      return fieldText(fresh, state.field!) === state.newText
        ? { applied: fresh, message: t('The connection dropped after sending, but {0} was saved.', fresh.sku) }
        : { unchanged: t('{0}: the connection dropped before the change was saved; {1} is unchanged.', action, item.sku) };
    },
    couldNotCheck: () => t('{0}: the connection dropped and the result could not be checked.', action),
  });
}

// ---- delete -------------------------------------------------------------------------------------

export async function deleteItemCommand(deps: EditDeps, ref?: NodeRef): Promise<EditOutcome<{ id: string }>> {
  const action = t('Delete item');
  const client = await begin(deps, action, ['items.write']);
  if (isOutcome(client)) return client;
  let item: Pick<Item, 'id' | 'sku' | 'description'> | undefined = ref?.item;
  if (!item) {
    const picked = await pickItem(deps, client, t('Delete Item'), { step: 1, totalSteps: 2, canGoBack: false });
    if (picked === BACK || picked === undefined) return CANCELLED;
    item = picked.item;
  }
  const del = t('Delete {0}', item.sku);
  const choice = await vscode.window.showWarningMessage(
    t('Delete item {0}?', item.sku),
    { modal: true, detail: t('{0} — "{1}" is removed from the catalog. This cannot be undone.', item.sku, item.description) },
    del,
  );
  if (choice !== del) return CANCELLED;
  const { id, sku } = item;
  return confirmedWrite(deps, {
    action,
    progress: t('Deleting {0}…', sku),
    send: () => client.deleteItem(id),
    applied: () => itemChanged(deps, { id }, true),
    done: () => t('Deleted item {0}.', sku),
    recheck: async () => {
      const gone = await client.getItem(id).then(() => false, (err: unknown) => {
        if (isRetracError(err) && err.code === 'not_found') return true;
        throw err;
      });
      return gone
        ? { applied: { id }, message: t('The connection dropped after sending, but {0} was deleted.', sku) }
        : { unchanged: t('{0}: the connection dropped before {1} was deleted; it still exists.', action, sku) };
    },
    couldNotCheck: () => t('{0}: the connection dropped and the result could not be checked.', action),
  });
}
