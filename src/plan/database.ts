/** Databases the generated project can default to. */
export const databases = ["sqlite", "postgres"] as const;
export type Database = (typeof databases)[number];
