// The version printed by --version; esbuild replaces the define at build time, tests see 'dev'.
declare const __PBS_TOOLS_VERSION__: string | undefined;
export const VERSION: string = typeof __PBS_TOOLS_VERSION__ === 'string' ? __PBS_TOOLS_VERSION__ : 'dev';
