/**
 * Stream ids are `<category>-<id>`. The category is snake_case without `-`, because KurrentDB's
 * `$by_category` projection splits on the first separator.
 */
export const streamId = (category: string, id: string): string => {
  if (!/^[a-z][a-z0-9_]*$/.test(category)) throw new Error(`Invalid stream category "${category}"`);
  return `${category}-${id}`;
};

export const categoryOf = (stream: string): string => {
  const separator = stream.indexOf('-');
  return separator < 0 ? stream : stream.slice(0, separator);
};
