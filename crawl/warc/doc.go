// Package warc reads and writes WARC 1.1 files (ISO 28500:2017, IIPC "The
// WARC Format 1.1"): the archive of every HTTP exchange made by crawl, from
// which pages are re-extracted without refetching and which standard WARC
// tools can open.
//
// # Files
//
//   - warc.go: the contract: Header, Record, Location, errors, dates.
//   - header.go: header fields, their syntax, application/warc-fields blocks.
//   - writer.go: Writer (records, compression, rotation, sync), record IDs.
//   - freelist.go: the gzip writers and buffers a Writer keeps between
//     records (a bounded free list, not a sync.Pool, which each GC empties).
//   - digest.go: WARC digests (sha1, base32) and Verify.
//   - exchange.go: HTTP exchanges: WriteExchange, ParseResponse and helpers
//     that render net/http messages for the archive.
//   - reader.go: Reader (plain or gzip, bounded, offsets), ReadAt, ReadFile.
//   - files.go: file names, Files, repair of files left open by a killed run.
//   - lock_unix.go, lock_other.go: the advisory lock on a file being written.
//
// # Record layout
//
// A record is the version line "WARC/1.1", header lines "Name: value" ended
// by CRLF, an empty line, the block of Content-Length bytes, then CRLF CRLF.
// The writer always writes WARC-Type, WARC-Record-ID (a random UUID URN),
// WARC-Date (UTC, seconds or microseconds), Content-Length and
// WARC-Block-Digest ("sha1:" + base32, as in the standard's examples). An
// HTTP exchange is a request record (Content-Type
// application/http;msgtype=request) followed by a response record
// (application/http;msgtype=response, WARC-Payload-Digest over the entity
// body), the request's WARC-Concurrent-To naming the response.
//
// Every record is compressed as its own gzip member ("record-at-time
// compression"), so the concatenation is a valid .gz file (gzip -t, zcat) and
// a record is read at its offset with a fresh gzip reader: that offset and the
// member's length are the Location the writer returns and ReadAt takes.
// Members are written with github.com/klauspost/compress/gzip (standard
// gzip; with it BenchmarkWriteExchange/gzip1 archives an article page in
// about 185 µs instead of 315 µs with compress/gzip) and read with
// compress/gzip.
//
// # Files in a directory
//
// A Writer writes into one directory files named
//
//	<Prefix>-<UTC yyyymmddhhmmss>-<serial, 5 digits or more>.warc.gz
//
// where the time is when the file was started and the serial keeps growing
// across runs for a prefix. Each file starts with a warcinfo record
// (Content-Type application/warc-fields: software, format, conformsTo and
// WriterOptions.Info). A file is closed, and the next started, before a
// record that would take it past WriterOptions.MaxFileSize; the records of one
// exchange always share a file. While being written a file is named
// "<name>.warc.gz.open" and holds an advisory lock (flock); it gets its final
// name when the writer rotates or closes. Files lists finished and open files
// in writing order. A Location always names the final file name; ReadAt and
// ReadFile fall back to the ".open" file while it exists.
//
// # Crash safety
//
// WriteRecord and WriteExchange compress the whole record first, then append
// its member(s) with one write, and only then return the Location: a
// returned Location points at a complete member. After Sync (or Close)
// returns, every record written before is on stable storage; a caller that
// keeps Locations in a state store calls Sync before committing them. A
// killed process (kill -9) loses nothing that write returned, since the data
// is in the operating system's page cache; an operating system crash loses
// what was written after the last Sync.
//
// A process killed in the middle of a write leaves a ".open" file whose last
// gzip member may be torn. NewWriter repairs every unlocked ".open" file of
// its prefix in the directory: it keeps the longest prefix of complete gzip
// members (each checked by its CRC-32 and length), truncates the rest, syncs
// and renames the file to its final name (a file without one complete member
// is removed). So a crash loses only the record being written, and the
// records written before it stay readable at their Locations; new records go
// to a new file. A failed write (disk full) is cut back the same way at once.
//
// # Reading
//
// NewReader reads plain and gzip files (one member per record, or a whole
// file compressed as one stream) and WARC/1.0 as well as WARC/1.1 records.
// Damaged input never panics: a bad version line, header line or
// Content-Length, a block or header beyond the reader's bounds (the block's
// buffer grows as data arrives, so a false Content-Length costs at most 1 MiB
// up front), a torn or corrupt gzip member each give a *FormatError naming the
// offset and wrapping ErrMalformed, ErrTooLarge, ErrTruncated or ErrCorrupt.
package warc
