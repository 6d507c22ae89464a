// The explorer's server-side filters: what each list can be filtered on, the query each sends,
// and how a filter reads (the view's description, a section's row). The pickers that set them
// are in ./pickers.
import * as vscode from 'vscode';
import type { ItemFilter, LocationFilter, TransferFilter } from '../api/types';

const t = vscode.l10n.t;

/** Each filterable list's filter, with the names shown for the ids it holds. */
export interface Filters {
  items: ItemFilter & { tagName?: string; locationName?: string };
  transfers: TransferFilter & { fromName?: string; toName?: string };
  locations: LocationFilter;
}

export function serverItemFilter(f: Filters['items']): ItemFilter {
  const { tagName: _tagName, locationName: _locationName, ...server } = f;
  return definedOnly(server);
}

export function serverTransferFilter(f: Filters['transfers']): TransferFilter {
  const { fromName: _fromName, toName: _toName, ...server } = f;
  return definedOnly(server);
}

export function serverLocationFilter(f: Filters['locations']): LocationFilter {
  return definedOnly(f);
}

function definedOnly<F extends object>(f: F): F {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== '')) as F;
}

/** A section row's filter text, e.g. "search: hose · tag: red" (empty when not filtered). */
export function itemFilterText(f: Filters['items']): string {
  return [
    f.search ? t('search: {0}', f.search) : undefined,
    f.tagIds?.length ? t('tag: {0}', f.tagName ?? f.tagIds.join(', ')) : undefined,
    f.locationId ? t('at: {0}', f.locationName ?? f.locationId) : undefined,
  ].filter(Boolean).join(' · ');
}

export function locationFilterText(f: Filters['locations']): string {
  return [
    f.type ? t('type: {0}', f.type) : undefined,
    f.active === undefined ? undefined : f.active ? t('active only') : t('inactive only'),
  ].filter(Boolean).join(' · ');
}

export function transferFilterText(f: Filters['transfers']): string {
  return [
    f.status ? t('status: {0}', f.status) : undefined,
    f.fromLocationId ? t('from: {0}', f.fromName ?? f.fromLocationId) : undefined,
    f.toLocationId ? t('to: {0}', f.toName ?? f.toLocationId) : undefined,
  ].filter(Boolean).join(' · ');
}

/** The view's description: what is filtered, e.g. `Items: "bolt", tag Red · Transfers: reverted`. */
export function describeFilters(f: Filters): string | undefined {
  const parts: string[] = [];
  const items = [
    f.items.search ? `“${f.items.search}”` : undefined,
    f.items.tagIds?.length ? t('tag {0}', f.items.tagName ?? f.items.tagIds.join(',')) : undefined,
    f.items.locationId ? t('at {0}', f.items.locationName ?? f.items.locationId) : undefined,
  ].filter(Boolean);
  if (items.length) parts.push(`${t('Items')}: ${items.join(', ')}`);
  const transfers = [
    f.transfers.status,
    f.transfers.fromLocationId ? t('from {0}', f.transfers.fromName ?? f.transfers.fromLocationId) : undefined,
    f.transfers.toLocationId ? t('to {0}', f.transfers.toName ?? f.transfers.toLocationId) : undefined,
  ].filter(Boolean);
  if (transfers.length) parts.push(`${t('Transfers')}: ${transfers.join(', ')}`);
  const locations = [
    f.locations.type,
    f.locations.active === undefined ? undefined : f.locations.active ? t('active') : t('inactive'),
  ].filter(Boolean);
  if (locations.length) parts.push(`${t('Locations')}: ${locations.join(', ')}`);
  return parts.length ? parts.join(' · ') : undefined;
}
