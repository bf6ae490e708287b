/** Files above this size are streamed from disk (verified by inode stamp) rather than read whole and cached. */
export const LARGE_FILE_BYTES = 8 * 1024 * 1024;
