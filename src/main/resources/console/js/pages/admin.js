// filled in by the next commits
export const routes = [];
