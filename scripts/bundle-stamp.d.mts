// Types for scripts/bundle-stamp.mjs (a plain-node script, so that `npm run bundle` needs no tsx).
export declare const INPUTS: string[]
export declare const OUTPUTS: string[]
export declare const CACHE: string
export declare const STAMP: string
export declare function digest(root: string, entries: string[]): string
export declare function isCurrent(root: string): boolean
export declare function recordBuild(root: string, inputs: string, packageFiles: string[]): void
export declare function forgetBuild(root: string): void
