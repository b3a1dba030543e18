/** A user's text as a literal inside a LIKE / ILIKE pattern: `%`, `_` and `\` lose their meaning. */
export const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A "contains" pattern for ILIKE. */
export const likeContains = (text: string): string => `%${likeLiteral(text)}%`;
