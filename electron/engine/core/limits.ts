/**
 * How much of a file the user hands us is read at all. Its own module so the CLI's
 * file reader does not load the XML and JSON readers (and their parser) with it.
 */

/** Profiles and client configs are a few KiB; anything this big is not one. */
export const maxImportBytes = 1024 * 1024;
