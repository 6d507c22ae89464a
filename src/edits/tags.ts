// Tags: create one, and tag or untag an item.
import * as vscode from 'vscode';
import type { RetracClient } from '../api/client';
import { isRetracError } from '../api/errors';
import { TAG_COLORS, type Item, type Tag, type TagColor } from '../api/types';
import type { NodeRef } from '../inventoryEvents';
import { BACK } from '../quickInput';
import { begin, CANCELLED, choiceStep, confirmStep, isOutcome, pickItem, runFlow, textStep, type EditDeps, type EditOutcome } from './flow';
import { loadItem, readItemWithTags } from './items';
import { confirmedWrite } from './write';

const t = vscode.l10n.t;

export async function createTagCommand(deps: EditDeps): Promise<EditOutcome<Tag>> {
  const action = t('Create tag');
  const client = await begin(deps, action, ['tags.write']);
  if (isOutcome(client)) return client;
  const title = t('Create Tag');
  const state = await runFlow<{ name?: string; color?: TagColor }>({}, ['name', 'color', 'confirm'], {
    name: textStep(deps, (s) => ({
      title: t('{0}: name', title), prompt: t('Tag name (1–50 characters).'), value: s.name,
      validate: (x) => (!x.trim() ? t('Type a name.') : x.trim().length > 50 ? t('A tag name has at most 50 characters.') : undefined),
    }), (s, v) => { s.name = v; }, 'color'),
    color: choiceStep(deps, (s) => ({ title: t('{0}: colour', title), placeholder: t('Colour of {0}', s.name!), choices: TAG_COLORS }),
      (s, color) => { s.color = color; }, 'confirm'),
    confirm: (s, ctx) => confirmStep(deps, ctx, title, t('Create tag "{0}" ({1})', s.name!, s.color!), t('Create tag')),
  });
  if (!state) return CANCELLED;
  const name = state.name!;
  return confirmedWrite(deps, {
    action,
    progress: t('Creating tag {0}…', name),
    send: () => client.createTag({ name, color: state.color }),
    applied: (tag) => { deps.events.fire({ tags: true, lists: ['tags'] }); void deps.explorer.reveal({ kind: 'tag', id: tag.id }); },
    done: (tag) => t('Created tag "{0}".', tag.name),
    recheck: async () => {
      const found = (await client.listTags()).find((tg) => tg.name === name);
      return found ? { applied: found, message: t('The connection dropped after sending, but tag "{0}" was created.', found.name) } : undefined;
    },
    explain: (e) => (isRetracError(e) && e.code === 'conflict' ? t('Create tag failed: a tag named "{0}" already exists.', name) : undefined),
  });
}

export async function tagItemCommand(deps: EditDeps, ref?: NodeRef, add = true): Promise<EditOutcome<Item>> {
  const action = add ? t('Tag item') : t('Untag item');
  const client = await begin(deps, action, ['items.write']);
  if (isOutcome(client)) return client;
  return tagFlow(deps, client, action, add, ref);
}

async function tagFlow(deps: EditDeps, client: RetracClient, action: string, add: boolean, ref?: NodeRef): Promise<EditOutcome<Item>> {
  const title = add ? t('Tag Item') : t('Untag Item');
  let allTags: Tag[] | undefined;
  const initial: { item?: Item; tag?: Tag } = { tag: ref?.tag };
  if (ref?.item && !(await loadItem(client, action, initial, ref.item))) return CANCELLED;
  const state = await runFlow(initial, [...(initial.item ? [] : ['item']), ...(initial.tag ? [] : ['tag']), 'confirm'], {
    item: async (s, ctx) => {
      const picked = await pickItem(deps, client, title, ctx);
      if (picked === BACK || picked === undefined) return picked;
      return (await loadItem(client, action, s, picked.item)) ? (s.tag ? 'confirm' : 'tag') : undefined;
    },
    tag: async (s, ctx) => {
      const onItem = new Set((s.item!.tags ?? []).map((tg) => tg.id));
      const picked = await deps.inputs.pick<vscode.QuickPickItem & { tag: Tag | { id: string; name: string } }>({
        title: t('{0}: {1}', title, s.item!.sku), ...ctx,
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
  return confirmedWrite(deps, {
    action,
    progress: t('Saving the tags of {0}…', item.sku),
    send: () => client.updateItem(item.id, { tagIds }),
    applied: () => deps.events.fire({ itemIds: [item.id], tags: true }),
    done: () => (add ? t('Tagged {0} with "{1}".', item.sku, tag.name) : t('Removed "{0}" from {1}.', tag.name, item.sku)),
    recheck: async () => {
      const fresh = await readItemWithTags(client, item);
      return (fresh.tags ?? []).some((tg) => tg.id === tag.id) === add
        ? { applied: fresh, message: t('The connection dropped after sending, but the tags of {0} were saved.', item.sku) }
        : undefined;
    },
  });
}
