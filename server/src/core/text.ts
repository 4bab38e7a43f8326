/** Makes user text safe to use inside a RegExp (search boxes). */
export const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
