// What the build writes around each command's bundle (dist/cli/<command>.cjs) and cli/launch.ts
// calls: CommonJS's own module wrapper, so that the bundle sees what a required file sees.
export const CLI_WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) {';
export const CLI_WRAPPER_TAIL = '\n})';
