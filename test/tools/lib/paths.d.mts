export declare const CODE_SERVER_VERSION: string;
export declare function findRepoRoot(from?: string): string;
export declare function hostDir(): string;
export declare function codeServerEntry(): string;
export declare function hostInstalled(): boolean;
export declare function chromiumPath(): string;
export declare function artifactsDir(root?: string): string;
export declare function newRunDir(root?: string, keep?: number): string;
