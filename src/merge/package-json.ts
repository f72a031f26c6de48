/** The package.json sections the generator adds to. */
export const packageSections = ["scripts", "dependencies", "devDependencies"] as const;
export type PackageSection = (typeof packageSections)[number];

/** What the generator put into package.json: section, then name, then range or command. */
export type OwnedPackageEntries = Record<PackageSection, Record<string, string>>;

/** One change a package.json merge made or declined, for the report. */
export interface PackageChange {
  section: PackageSection;
  name: string;
  change: "added" | "updated" | "removed" | "kept-yours";
}

/** The generator's entries of a rendered package.json. */
export function ownedEntries(packageJsonText: string): OwnedPackageEntries {
  const parsed = JSON.parse(packageJsonText) as Record<string, unknown>;
  const owned = emptyOwnedEntries();
  for (const section of packageSections) {
    const entries = parsed[section];
    if (isRecord(entries)) {
      for (const [name, value] of Object.entries(entries))
        if (typeof value === "string") owned[section][name] = value;
    }
  }
  return owned;
}

/** No entries at all: what a repository the generator did not create starts from. */
export function emptyOwnedEntries(): OwnedPackageEntries {
  return { scripts: {}, dependencies: {}, devDependencies: {} };
}

/**
 * Merges the generator's entries into the user's package.json. An entry the user never
 * changed follows the generator (updated, or removed when no longer needed); an entry the
 * user changed or added is theirs and never touched; every other field stays as it is.
 */
export function mergePackageJson(
  yoursText: string,
  before: OwnedPackageEntries,
  after: OwnedPackageEntries,
): { text: string; changes: PackageChange[] } {
  const yours = JSON.parse(yoursText) as Record<string, unknown>;
  const changes: PackageChange[] = [];

  for (const section of packageSections) {
    const current = new Map(
      Object.entries(isRecord(yours[section]) ? (yours[section] as Record<string, string>) : {}),
    );
    const wasSorted = isSorted([...current.keys()]);
    for (const name of new Set([...Object.keys(before[section]), ...Object.keys(after[section])])) {
      const change = mergeEntry(current, name, before[section][name], after[section][name]);
      if (change !== undefined) changes.push({ section, name, change });
    }
    if (current.size === 0 && yours[section] === undefined) continue;
    const record = Object.fromEntries(current);
    yours[section] = section !== "scripts" && wasSorted ? sortedRecord(record) : record;
  }
  return { text: `${JSON.stringify(yours, null, indentOf(yoursText))}\n`, changes };
}

/** Applies one entry's three-way rule to the section; returns what happened, if anything. */
function mergeEntry(
  section: Map<string, string>,
  name: string,
  before: string | undefined,
  after: string | undefined,
): PackageChange["change"] | undefined {
  const yours = section.get(name);
  if (yours === undefined) {
    // Never added before (or the user removed it and it is still wanted): a removal stands.
    if (after === undefined || before !== undefined) return undefined;
    section.set(name, after);
    return "added";
  }
  if (yours !== before) return after !== undefined && after !== yours ? "kept-yours" : undefined;
  if (after === undefined) {
    section.delete(name);
    return "removed";
  }
  if (after === yours) return undefined;
  section.set(name, after);
  return "updated";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isSorted(names: string[]): boolean {
  return names.every((name, index) => (names[index - 1] ?? "").localeCompare(name) <= 0);
}

function sortedRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/** The indentation the user's file uses, so the merge does not reformat it. */
function indentOf(text: string): string | number {
  const indent = /^[{[]\r?\n([ \t]+)/.exec(text)?.[1];
  return indent ?? 2;
}
