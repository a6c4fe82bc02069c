// Refuses an operationId that is only the operation's method and path run together, the way the
// gateway names an operation its service left unnamed (GET /api/v1/value-streams/{id} ->
// getValueStreamsId): generated clients name their methods after it, so it must be chosen by hand.
// Mirrors OpenApiMerge.generatedId in the gateway.
module.exports = (operation, _options, context) => {
  const [, path, method] = context.path;
  const id = operation && operation.operationId;
  if (typeof id !== 'string' || typeof path !== 'string') {
    return [];
  }
  const rest = path.startsWith('/api/v1') ? path.substring('/api/v1'.length) : path;
  const generated = method.toLowerCase() + rest.split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part.charAt(0).toUpperCase() + part.substring(1))
    .join('');
  return id === generated
    ? [{ message: `operationId ${id} is generated from the path; choose a verbNoun by hand` }]
    : [];
};
