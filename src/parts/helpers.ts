import type Handlebars from "handlebars";

/** The part of the Handlebars API the helpers need; both the compiler and the runtime have it. */
type HelperRegistry = Pick<typeof Handlebars, "registerHelper">;

/**
 * Registers the helpers templates may use: `eq a b`, `or a b`, `includes list value`,
 * `join list sep`.
 */
export function registerHelpers(handlebars: HelperRegistry): void {
  handlebars.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  handlebars.registerHelper("or", (a: unknown, b: unknown) => Boolean(a) || Boolean(b));
  handlebars.registerHelper("includes", (list: unknown, value: unknown) =>
    Array.isArray(list) ? list.includes(value) : false,
  );
  handlebars.registerHelper("join", (list: unknown, separator: unknown) =>
    Array.isArray(list) ? list.join(typeof separator === "string" ? separator : ", ") : "",
  );
}
