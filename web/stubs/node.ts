// Stand-ins for Node-only modules that the core still imports on paths the page never takes.
const unavailable = (): never => {
  throw new Error('not available in the browser');
};
export const readFile = unavailable;
export const writeFile = unavailable;
export const createRequire = unavailable;
