// Package input is the one way Crosscheck reads the files it is given:
// policies, schemas, entities, request contexts, test files, reports,
// standard input, and the members of .tar.gz corpora. Every command and
// the corpus loader read through it, so every input has the same limits
// and the same messages.
//
// Limits, chosen so that no input can make a command use more than about
// 100 MB for the bytes it reads:
//
//   - MaxFileSize (64 MiB) bounds one file, standard input, and one
//     member of an archive. A larger input is refused with an error
//     wrapping ErrTooLarge.
//   - MaxArchiveSize (64 MiB) bounds the expanded size of all the members
//     of one .tar.gz archive together. The official dev corpus,
//     corpus-tests-dev.tar.gz, expands to about 24 MiB (25,140,372 bytes
//     in 15,828 members, the largest 45 KB), so the limit leaves a margin
//     of more than 2.5 times. Sizes are checked against the member
//     headers before a member is read, and a member's bytes are read
//     into a buffer of exactly its size, so a gzip bomb is refused after
//     at most MaxArchiveSize bytes have been kept.
//
// Only regular files and named pipes are read (pipes so that a shell's
// <(command) works; the limit bounds them). A directory, a device such as
// /dev/zero, or a socket is refused with an error wrapping ErrNotFile
// that says what the path names instead.
package input
