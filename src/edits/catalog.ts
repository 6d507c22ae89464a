// Items (create, edit one field with a re-read-and-compare, delete), tags (create, tag/untag an
// item) and locations (create, rename, deactivate; owner-only).
import * as vscode from 'vscode';
import type { RetracClient } from '../api/client';
import { isRetracError } from '../api/errors';
import type { Item, ItemCreate, ItemUpdate, Location, LocationType, Tag, TagColor } from '../api/types';
import type { NodeRef } from '../inventoryEvents';
import { BACK, type Back } from '../quickInput';
import { explainError, isInterrupted } from './errorText';
import {
  askText, begin, CANCELLED, confirmStep, FINISH, isOutcome, listAllLocations, noteStep, pickItem, pickLocation, Rewind, runFlow,
  withCheckProgress, withProgress, type EditDeps, type EditOutcome, type StepContext,
} from './flow';
import { parseAmount } from './quantity';

const t = vscode.l10n.t;

// ---- shared inputs ----------------------------------------------------------------------------

/** One of a fixed list of values (a tag's colour, a location's type) as a step. */
async function askChoice<T extends string>(deps: EditDeps, ctx: StepContext, o: { title: string; placeholder: string; choices: readonly T[] }): Promise<T | Back | undefined> {
  const picked = await deps.inputs.pick({
    title: o.title, step: ctx.step, totalSteps: ctx.totalSteps, canGoBack: ctx.canGoBack, placeholder: o.placeholder, items: o.choices.map((c) => ({ label: c, choice: c })),
  });
  if (picked === BACK || picked === undefined) return picked;
  return picked.choice;
}

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
async function readItemWithTags(client: RetracClient, item: Pick<Item, 'id' | 'sku'>): Promise<Item> {
  const rows = await client.listItems({ sku: item.sku, withTags: true, pageSize: 100 });
  return rows.find((i) => i.id === item.id) ?? (await client.getItem(item.id));
}

// ---- items --------------------------------------------------------------------------------------

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
    sku: async (s, ctx) => {
      const v = await askText(deps, ctx, { title: t('{0}: SKU', title), prompt: t('The SKU (unique in the workspace).'), value: s.sku, validate: skuProblem });
      if (v === BACK || v === undefined) return v;
      s.sku = v.trim();
      return 'description';
    },
    description: async (s, ctx) => {
      const v = await askText(deps, ctx, {
        title: t('{0}: description', title), prompt: t('What the item is.'), value: s.description,
        validate: (x) => (x.trim() ? undefined : t('Type a description.')),
      });
      if (v === BACK || v === undefined) return v;
      s.description = v.trim();
      return 'cost';
    },
    cost: async (s, ctx) => {
      const v = await askText(deps, ctx, { title: t('{0}: cost', title), prompt: t('Unit cost, e.g. 12.50.'), value: s.cost?.toString(), validate: (x) => amountProblem(x, false) });
      if (v === BACK || v === undefined) return v;
      s.cost = parseAmount(v);
      return 'sellPrice';
    },
    sellPrice: async (s, ctx) => {
      const v = await askText(deps, ctx, { title: t('{0}: sell price (optional)', title), prompt: t('Unit sell price; leave empty for none.'), value: s.sellPrice?.toString(), validate: (x) => amountProblem(x, true) });
      if (v === BACK || v === undefined) return v;
      s.sellPrice = v.trim() ? parseAmount(v) : undefined;
      return 'tags';
    },
    tags: async (s, ctx) => {
      knownTags ??= await client.listTags().catch(() => []);
      const tags = knownTags;
      const v = await askText(deps, ctx, {
        title: t('{0}: tags (optional)', title),
        prompt: tags.length ? t('Comma-separated tag names. Existing: {0}', tags.map((tg) => tg.name).join(', ')) : t('No tags exist yet; leave empty.'),
        value: s.tagText,
        validate: (x) => { const r = resolveTags(x, tags); return 'problem' in r ? r.problem : undefined; },
      });
      if (v === BACK || v === undefined) return v;
      const r = resolveTags(v, tags);
      s.tagText = v;
      s.tags = 'tags' in r ? r.tags : [];
      return 'confirm';
    },
    confirm: (s, ctx) => confirmStep(deps, ctx, title,
      t('Create {0} — {1} (cost {2}, sell price {3})', s.sku!, s.description!, formatAmount(s.cost), formatAmount(s.sellPrice)),
      t('Create item'),
      s.tags?.length ? t('Tags: {0}', s.tags.map((tg) => tg.name).join(', ')) : undefined),
  });
  if (!state) return CANCELLED;
  const body: ItemCreate = { sku: state.sku!, description: state.description!, cost: state.cost! };
  if (state.sellPrice !== undefined) body.sellPrice = state.sellPrice;
  if (state.tags?.length) body.tagIds = state.tags.map((tg) => tg.id);
  try {
    const item = await withProgress(t('Creating {0}…', body.sku), () => client.createItem(body));
    itemChanged(deps, item, true);
    void deps.explorer.reveal({ kind: 'item', id: item.id });
    return { status: 'done', result: item, message: t('Created item {0}.', item.sku) };
  } catch (e) {
    if (!isInterrupted(e)) return fail(deps, e, { action, sku: body.sku });
    const found = await findBySku(client, body.sku).catch(() => undefined);
    if (found) {
      itemChanged(deps, found, true);
      return { status: 'done', interrupted: true, result: found, message: t('The connection dropped after sending, but item {0} was created.', found.sku) };
    }
    return {
      status: 'failed', interrupted: true, error: e,
      message: found === null ? t('{0}: the connection dropped before {1} was created; nothing changed.', action, body.sku) : t('{0}: the connection dropped and the result could not be checked.', action),
    };
  }
}

function fail(deps: EditDeps, e: unknown, ctx: { action: string; sku?: string; locationName?: string }): EditOutcome<never> {
  const message = explainError(e, ctx);
  deps.log.warn(message);
  return { status: 'failed', message, error: e };
}

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
  const loadItem = async (s: EditItemState, id: Pick<Item, 'id' | 'sku'>): Promise<boolean> => {
    try {
      s.item = await readItemWithTags(client, id);
      return true;
    } catch (e) {
      void vscode.window.showErrorMessage(explainError(e, { action, sku: id.sku }));
      return false;
    }
  };
  const initial: EditItemState = {};
  if (ref?.item && !(await loadItem(initial, ref.item))) return CANCELLED;
  const state = await runFlow<EditItemState>(initial, [...(initial.item ? [] : ['item']), 'field', 'value', 'confirm'], {
    item: async (s, ctx) => {
      const picked = await pickItem(deps, client, title, ctx);
      if (picked === BACK || picked === undefined) return picked;
      return (await loadItem(s, picked.item)) ? 'field' : undefined;
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
      const picked = await deps.inputs.pick({ title: t('{0}: {1}', title, item.sku), step: ctx.step, totalSteps: ctx.totalSteps, canGoBack: ctx.canGoBack, placeholder: t('Which field?'), items: fields });
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
      // Re-read and compare: the field may have been changed by someone else meanwhile.
      let fresh: Item;
      try {
        fresh = await withCheckProgress(t('Checking {0}…', s.item!.sku), () => readItemWithTags(client, s.item!));
      } catch (e) {
        void vscode.window.showErrorMessage(explainError(e, { action, sku: s.item!.sku }));
        return undefined;
      }
      const now = fieldText(fresh, s.field!);
      if (now !== s.shown) {
        s.staleNotice = t('Changed since shown: "{0}" → "{1}".', s.shown!, now);
        void vscode.window.showWarningMessage(t('{0} of {1} changed while you were editing. Check the new value and confirm again.', label, s.item!.sku));
        s.item = fresh;
        s.shown = now;
        return new Rewind('value');
      }
      return FINISH;
    },
  });
  if (!state) return CANCELLED;
  const item = state.item!;
  const update = state.update!;
  try {
    const saved = await withProgress(t('Saving {0}…', item.sku), () => client.updateItem(item.id, update));
    deps.events.fire({ itemIds: [saved.id], tags: state.field === 'tags' || undefined, lists: state.field === 'sku' ? ['items'] : undefined });
    return { status: 'done', result: saved, message: t('Saved {0}.', saved.sku) };
  } catch (e) {
    if (isInterrupted(e)) {
      const fresh = await readItemWithTags(client, item).catch(() => undefined);
      if (fresh && fieldText(fresh, state.field!) === state.newText) {
        itemChanged(deps, fresh, true);
        return { status: 'done', interrupted: true, result: fresh, message: t('The connection dropped after sending, but {0} was saved.', fresh.sku) };
      }
      return {
        status: 'failed', interrupted: true, error: e,
        message: fresh ? t('{0}: the connection dropped before the change was saved; {1} is unchanged.', action, item.sku) : t('{0}: the connection dropped and the result could not be checked.', action),
      };
    }
    return fail(deps, e, { action, sku: update.sku });
  }
}

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
  const id = item.id;
  try {
    const result = await withProgress(t('Deleting {0}…', item.sku), () => client.deleteItem(id));
    itemChanged(deps, item, true);
    return { status: 'done', result, message: t('Deleted item {0}.', item.sku) };
  } catch (e) {
    if (isInterrupted(e)) {
      const gone = await client.getItem(id).then(() => false, (err: unknown) => (isRetracError(err) && err.code === 'not_found' ? true : undefined));
      if (gone) {
        itemChanged(deps, item, true);
        return { status: 'done', interrupted: true, result: { id }, message: t('The connection dropped after sending, but {0} was deleted.', item.sku) };
      }
      return { status: 'failed', interrupted: true, error: e, message: gone === false ? t('{0}: the connection dropped before {1} was deleted; it still exists.', action, item.sku) : t('{0}: the connection dropped and the result could not be checked.', action) };
    }
    return fail(deps, e, { action });
  }
}

// ---- tags ---------------------------------------------------------------------------------------

const TAG_COLORS: TagColor[] = ['red', 'yellow', 'green', 'blue', 'purple', 'brown', 'gray', 'pink'];

export async function createTagCommand(deps: EditDeps): Promise<EditOutcome<Tag>> {
  const action = t('Create tag');
  const client = await begin(deps, action, ['tags.write']);
  if (isOutcome(client)) return client;
  const title = t('Create Tag');
  const state = await runFlow<{ name?: string; color?: TagColor }>({}, ['name', 'color', 'confirm'], {
    name: async (s, ctx) => {
      const v = await askText(deps, ctx, {
        title: t('{0}: name', title), prompt: t('Tag name (1–50 characters).'), value: s.name,
        validate: (x) => (!x.trim() ? t('Type a name.') : x.trim().length > 50 ? t('A tag name has at most 50 characters.') : undefined),
      });
      if (v === BACK || v === undefined) return v;
      s.name = v.trim();
      return 'color';
    },
    color: async (s, ctx) => {
      const color = await askChoice(deps, ctx, { title: t('{0}: colour', title), placeholder: t('Colour of {0}', s.name!), choices: TAG_COLORS });
      if (color === BACK || color === undefined) return color;
      s.color = color;
      return 'confirm';
    },
    confirm: (s, ctx) => confirmStep(deps, ctx, title, t('Create tag "{0}" ({1})', s.name!, s.color!), t('Create tag')),
  });
  if (!state) return CANCELLED;
  try {
    const tag = await withProgress(t('Creating tag {0}…', state.name!), () => client.createTag({ name: state.name!, color: state.color }));
    deps.events.fire({ tags: true, lists: ['tags'] });
    void deps.explorer.reveal({ kind: 'tag', id: tag.id });
    return { status: 'done', result: tag, message: t('Created tag "{0}".', tag.name) };
  } catch (e) {
    if (isRetracError(e) && e.code === 'conflict') {
      return { status: 'failed', error: e, message: t('Create tag failed: a tag named "{0}" already exists.', state.name!) };
    }
    if (isInterrupted(e)) {
      const found = (await client.listTags().catch(() => undefined))?.find((tg) => tg.name === state.name);
      if (found) {
        deps.events.fire({ tags: true, lists: ['tags'] });
        return { status: 'done', interrupted: true, result: found, message: t('The connection dropped after sending, but tag "{0}" was created.', found.name) };
      }
    }
    return fail(deps, e, { action });
  }
}

async function tagStep(deps: EditDeps, client: RetracClient, add: boolean, ref?: NodeRef): Promise<EditOutcome<Item>> {
  const action = add ? t('Tag item') : t('Untag item');
  const title = add ? t('Tag Item') : t('Untag Item');
  let allTags: Tag[] | undefined;
  const load = async (s: { item?: Item }, id: Pick<Item, 'id' | 'sku'>) => {
    try {
      s.item = await readItemWithTags(client, id);
      return true;
    } catch (e) {
      void vscode.window.showErrorMessage(explainError(e, { action, sku: id.sku }));
      return false;
    }
  };
  const initial: { item?: Item; tag?: Tag } = { tag: ref?.tag };
  if (ref?.item && !(await load(initial, ref.item))) return CANCELLED;
  const state = await runFlow(initial, [...(initial.item ? [] : ['item']), ...(initial.tag ? [] : ['tag']), 'confirm'], {
    item: async (s, ctx) => {
      const picked = await pickItem(deps, client, title, ctx);
      if (picked === BACK || picked === undefined) return picked;
      return (await load(s, picked.item)) ? (s.tag ? 'confirm' : 'tag') : undefined;
    },
    tag: async (s, ctx) => {
      const onItem = new Set((s.item!.tags ?? []).map((tg) => tg.id));
      const picked = await deps.inputs.pick<vscode.QuickPickItem & { tag: Tag | { id: string; name: string } }>({
        title: t('{0}: {1}', title, s.item!.sku), step: ctx.step, totalSteps: ctx.totalSteps, canGoBack: ctx.canGoBack,
        placeholder: add ? t('Add which tag?') : t('Remove which tag?'),
        items: add
          ? async () => {
            allTags ??= await client.listTags();
            return allTags.filter((tg) => !onItem.has(tg.id)).map((tg) => ({ label: tg.name, description: tg.color, tag: tg }));
          }
          : (s.item!.tags ?? []).map((tg) => ({ label: tg.name, tag: tg })),
      });
      if (picked === BACK || picked === undefined) return picked;
      s.tag = picked.tag as Tag;
      return 'confirm';
    },
    confirm: (s, ctx) => confirmStep(deps, ctx, title,
      add ? t('Add tag "{0}" to {1}', s.tag!.name, s.item!.sku) : t('Remove tag "{0}" from {1}', s.tag!.name, s.item!.sku),
      add ? t('Add tag') : t('Remove tag')),
  });
  if (!state) return CANCELLED;
  const item = state.item!;
  const tag = state.tag!;
  const has = (item.tags ?? []).some((tg) => tg.id === tag.id);
  if (add && has) return { status: 'refused', message: t('{0} already has the tag "{1}".', item.sku, tag.name) };
  if (!add && !has) return { status: 'refused', message: t('{0} does not have the tag "{1}".', item.sku, tag.name) };
  const ids = (item.tags ?? []).map((tg) => tg.id).filter((id) => id !== tag.id);
  const tagIds = add ? [...ids, tag.id] : ids;
  try {
    const saved = await withProgress(t('Saving the tags of {0}…', item.sku), () => client.updateItem(item.id, { tagIds }));
    deps.events.fire({ itemIds: [item.id], tags: true });
    return { status: 'done', result: saved, message: add ? t('Tagged {0} with "{1}".', item.sku, tag.name) : t('Removed "{0}" from {1}.', tag.name, item.sku) };
  } catch (e) {
    if (isInterrupted(e)) {
      const fresh = await readItemWithTags(client, item).catch(() => undefined);
      if (fresh && (fresh.tags ?? []).some((tg) => tg.id === tag.id) === add) {
        deps.events.fire({ itemIds: [item.id], tags: true });
        return { status: 'done', interrupted: true, result: fresh, message: t('The connection dropped after sending, but the tags of {0} were saved.', item.sku) };
      }
    }
    return fail(deps, e, { action });
  }
}

export async function tagItemCommand(deps: EditDeps, ref?: NodeRef, add = true): Promise<EditOutcome<Item>> {
  const client = await begin(deps, add ? t('Tag item') : t('Untag item'), ['items.write']);
  if (isOutcome(client)) return client;
  return tagStep(deps, client, add, ref);
}

// ---- locations ----------------------------------------------------------------------------------

const LOCATION_TYPES: LocationType[] = ['warehouse', 'van', 'truck', 'site', 'other'];

function locationNameProblem(v: string): string | undefined {
  if (!v.trim()) return t('Type a name.');
  if (v.trim().length > 64) return t('A location name has at most 64 characters.');
  return undefined;
}

function locationChanged(deps: EditDeps, location: Pick<Location, 'id'>, listChanged: boolean): void {
  deps.events.fire({ locationIds: [location.id], lists: listChanged ? ['locations'] : undefined });
}

export async function createLocationCommand(deps: EditDeps): Promise<EditOutcome<Location>> {
  const action = t('Create location');
  const client = await begin(deps, action, ['locations.write'], true);
  if (isOutcome(client)) return client;
  const title = t('Create Location');
  const state = await runFlow<{ name?: string; type?: LocationType; note?: string }>({}, ['name', 'type', 'note', 'confirm'], {
    name: async (s, ctx) => {
      const v = await askText(deps, ctx, { title: t('{0}: name', title), prompt: t('Location name (1–64 characters).'), value: s.name, validate: locationNameProblem });
      if (v === BACK || v === undefined) return v;
      s.name = v.trim();
      return 'type';
    },
    type: async (s, ctx) => {
      const type = await askChoice(deps, ctx, { title: t('{0}: type', title), placeholder: t('What kind of place is {0}?', s.name!), choices: LOCATION_TYPES });
      if (type === BACK || type === undefined) return type;
      s.type = type;
      return 'note';
    },
    note: noteStep(deps, title, t('A note, e.g. the address. Leave empty for none.'), 'confirm'),
    confirm: (s, ctx) => confirmStep(deps, ctx, title, t('Create location "{0}" ({1})', s.name!, s.type!), t('Create location'), s.note),
  });
  if (!state) return CANCELLED;
  try {
    const location = await withProgress(t('Creating {0}…', state.name!), () => client.createLocation({ name: state.name!, type: state.type, note: state.note }));
    locationChanged(deps, location, true);
    void deps.explorer.reveal({ kind: 'location', id: location.id });
    return { status: 'done', result: location, message: t('Created location "{0}".', location.name) };
  } catch (e) {
    if (isInterrupted(e)) {
      const found = (await client.listLocations({ pageSize: 50 }).catch(() => undefined))?.find((l) => l.name === state.name && Date.now() - Date.parse(l.createdAt) < 5 * 60_000);
      if (found) {
        locationChanged(deps, found, true);
        return { status: 'done', interrupted: true, result: found, message: t('The connection dropped after sending, but location "{0}" was created.', found.name) };
      }
    }
    return fail(deps, e, { action });
  }
}

export async function updateLocationCommand(deps: EditDeps, ref: NodeRef | undefined, mode: 'rename' | 'deactivate'): Promise<EditOutcome<Location>> {
  const action = mode === 'rename' ? t('Rename location') : t('Deactivate location');
  const client = await begin(deps, action, ['locations.write'], true);
  if (isOutcome(client)) return client;
  const title = mode === 'rename' ? t('Rename Location') : t('Deactivate Location');
  if (mode === 'deactivate' && ref?.location && !ref.location.active) {
    return { status: 'refused', message: t('"{0}" is already inactive.', ref.location.name) };
  }
  const state = await runFlow<{ location?: Location; name?: string }>({ location: ref?.location }, [...(ref?.location ? [] : ['location']), ...(mode === 'rename' ? ['name'] : []), 'confirm'], {
    location: async (s, ctx) => {
      const picked = await pickLocation(deps, client, title, ctx, { activeOnly: mode === 'deactivate' });
      if (picked === BACK || picked === undefined) return picked;
      s.location = picked.location;
      return mode === 'rename' ? 'name' : 'confirm';
    },
    name: async (s, ctx) => {
      const v = await askText(deps, ctx, {
        title: t('{0}: {1}', title, s.location!.name), prompt: t('The new name.'), value: s.name ?? s.location!.name,
        validate: (x) => locationNameProblem(x) ?? (x.trim() === s.location!.name ? t('That is the current name.') : undefined),
      });
      if (v === BACK || v === undefined) return v;
      s.name = v.trim();
      return 'confirm';
    },
    confirm: (s, ctx) => mode === 'rename'
      ? confirmStep(deps, ctx, title, t('Rename "{0}" → "{1}"', s.location!.name, s.name!), t('Rename'))
      : confirmStep(deps, ctx, title, t('Deactivate "{0}"', s.location!.name), t('Deactivate'),
        t('It stays in the history but takes no new stock or transfers. Its balances are kept.')),
  });
  if (!state) return CANCELLED;
  const location = state.location!;
  const body = mode === 'rename' ? { name: state.name! } : { active: false };
  try {
    const saved = await withProgress(t('Saving {0}…', location.name), () => client.updateLocation(location.id, body));
    locationChanged(deps, saved, mode === 'deactivate');
    return {
      status: 'done', result: saved,
      message: mode === 'rename' ? t('Renamed "{0}" to "{1}".', location.name, saved.name) : t('Deactivated "{0}".', saved.name),
    };
  } catch (e) {
    if (isInterrupted(e)) {
      const fresh = (await listLocationsSafe(client))?.find((l) => l.id === location.id);
      const applied = fresh && (mode === 'rename' ? fresh.name === state.name : !fresh.active);
      if (fresh && applied) {
        locationChanged(deps, fresh, mode === 'deactivate');
        return { status: 'done', interrupted: true, result: fresh, message: t('The connection dropped after sending, but "{0}" was saved.', fresh.name) };
      }
      return {
        status: 'failed', interrupted: true, error: e,
        message: fresh ? t('{0}: the connection dropped before the change was saved; "{1}" is unchanged.', action, location.name) : t('{0}: the connection dropped and the result could not be checked.', action),
      };
    }
    return fail(deps, e, { action, locationName: location.name });
  }
}

async function listLocationsSafe(client: RetracClient): Promise<Location[] | undefined> {
  try {
    return await listAllLocations(client);
  } catch {
    return undefined;
  }
}
