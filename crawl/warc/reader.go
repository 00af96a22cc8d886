package warc

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Reading bounds. A header beyond MaxHeaderSize, or a block beyond the
// reader's block limit (DefaultMaxBlockSize unless SetMaxBlockSize changed
// it), is rejected with ErrTooLarge before any of it is buffered.
const (
	MaxHeaderSize       = 1 << 20
	DefaultMaxBlockSize = 1 << 30
	maxBlankLines       = 1 << 12
)

// Reader reads WARC records from a plain or gzip-compressed stream. It accepts
// record-at-time compression (one gzip member per record, the normal form),
// and also a whole file compressed as one gzip stream. Errors are
// *FormatError values naming the offset; after an error, Next keeps
// returning it.
type Reader struct {
	cnt  *countReader
	src  *bufio.Reader // the input, compressed or not
	base int64         // offset of the input's first byte in its file

	gzipped  bool
	gz       *gzip.Reader
	br       *bufio.Reader // decompressed current member (gzip) or src (plain)
	memberOK bool          // br holds an open member
	member   int64         // offset of the current member

	maxBlock int64
	off, n   int64 // location of the last record
	err      error
}

// countReader counts the bytes read from r.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// NewReader returns a reader of the WARC records in r. Gzip input is detected
// by its magic bytes; anything else is read as an uncompressed WARC file.
func NewReader(r io.Reader) (*Reader, error) {
	return newReader(r, 0)
}

func newReader(r io.Reader, base int64) (*Reader, error) {
	cnt := &countReader{r: r}
	rd := &Reader{cnt: cnt, src: bufio.NewReaderSize(cnt, 64<<10), base: base, maxBlock: DefaultMaxBlockSize}
	magic, err := rd.src.Peek(2)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("warc: read: %w", err)
	}
	rd.gzipped = len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b
	if !rd.gzipped {
		rd.br = rd.src
	}
	return rd, nil
}

// SetMaxBlockSize bounds the size of a record's block (n <= 0 restores the
// default). Larger records give ErrTooLarge.
func (r *Reader) SetMaxBlockSize(n int64) {
	if n <= 0 {
		n = DefaultMaxBlockSize
	}
	r.maxBlock = n
}

// Offset returns the offset of the last record returned by Next: for gzip
// input the offset of the gzip member the record starts in, otherwise the
// offset of its version line.
func (r *Reader) Offset() int64 { return r.off }

// Length returns the number of input bytes, from Offset, that held the last
// record returned by Next: its gzip member, or for plain input the record
// and its closing CRLF CRLF. It is 0 when the record shares its gzip member
// with the next record.
func (r *Reader) Length() int64 { return r.n }

// consumed is the offset of the next unread input byte.
func (r *Reader) consumed() int64 { return r.base + r.cnt.n - int64(r.src.Buffered()) }

// Next returns the next record, or io.EOF after the last one.
func (r *Reader) Next() (*Record, error) {
	if r.err != nil {
		return nil, r.err
	}
	rec, err := r.next()
	if err != nil {
		r.err = err
		return nil, err
	}
	return rec, nil
}

func (r *Reader) next() (*Record, error) {
	if !r.gzipped {
		if err := skipBlank(r.br); err != nil {
			if errors.Is(err, io.EOF) {
				return nil, io.EOF
			}
			return nil, r.fail(r.consumed(), err, "")
		}
		r.off = r.consumed()
		rec, err := readRecord(r.br, r.maxBlock)
		if err != nil {
			return nil, r.fail(r.off, err, "")
		}
		r.n = r.consumed() - r.off
		return rec, nil
	}
	for {
		if !r.memberOK {
			if err := r.openMember(); err != nil {
				return nil, err
			}
		}
		err := skipBlank(r.br)
		if errors.Is(err, io.EOF) {
			// The member ended cleanly, checksum verified.
			r.memberOK = false
			continue
		}
		if err != nil {
			return nil, r.fail(r.member, err, "")
		}
		break
	}
	r.off = r.member
	rec, err := readRecord(r.br, r.maxBlock)
	if err != nil {
		return nil, r.fail(r.off, err, "")
	}
	// Look past the record: the end of the member verifies its checksum.
	if _, err := r.br.Peek(1); err != nil {
		if !errors.Is(err, io.EOF) {
			return nil, r.fail(r.off, err, "end of gzip member")
		}
		r.memberOK = false
		r.n = r.consumed() - r.off
	} else {
		r.n = 0
	}
	return rec, nil
}

// openMember starts reading the gzip member at the current offset.
func (r *Reader) openMember() error {
	off := r.consumed()
	var err error
	if r.gz == nil {
		r.gz, err = gzip.NewReader(r.src)
	} else {
		err = r.gz.Reset(r.src)
	}
	if err != nil {
		if errors.Is(err, io.EOF) {
			return io.EOF
		}
		return r.fail(off, err, "gzip member header")
	}
	r.gz.Multistream(false)
	if r.br == nil {
		r.br = bufio.NewReaderSize(r.gz, 64<<10)
	} else {
		r.br.Reset(r.gz)
	}
	r.member, r.memberOK = off, true
	return nil
}

// fail wraps err, classified, in a *FormatError at offset off.
func (r *Reader) fail(off int64, err error, detail string) error {
	var fe *FormatError
	if errors.As(err, &fe) {
		fe.Offset = off
		if detail != "" {
			fe.Detail = detail + ": " + fe.Detail
		}
		return fe
	}
	return &FormatError{Offset: off, Detail: joinDetail(detail, err), Err: classify(err)}
}

func joinDetail(detail string, err error) string {
	if c := classify(err); c == err {
		return detail
	}
	if detail == "" {
		return err.Error()
	}
	return detail + ": " + err.Error()
}

// classify maps an error from the input or the decompressor to a sentinel.
func classify(err error) error {
	var ce flate.CorruptInputError
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, ErrTruncated):
		return ErrTruncated
	case errors.Is(err, gzip.ErrChecksum), errors.Is(err, gzip.ErrHeader), errors.As(err, &ce), errors.Is(err, ErrCorrupt):
		return ErrCorrupt
	case errors.Is(err, errHeaderLimit), errors.Is(err, ErrTooLarge):
		return ErrTooLarge
	case errors.Is(err, ErrMalformed):
		return ErrMalformed
	}
	return err
}

// skipBlank consumes empty lines before a record (some writers leave extra
// CRLFs between records). It returns io.EOF at a clean end of input.
func skipBlank(br *bufio.Reader) error {
	for i := 0; i < maxBlankLines; i++ {
		b, err := br.Peek(1)
		if err != nil {
			return err
		}
		switch b[0] {
		case '\n':
			br.Discard(1)
		case '\r':
			b, err = br.Peek(2)
			if err != nil || b[1] != '\n' {
				return nil // not a blank line: let the record parser report it
			}
			br.Discard(2)
		default:
			return nil
		}
	}
	return &FormatError{Err: ErrMalformed, Detail: "too many blank lines"}
}

// readRecord reads one record: version line, header, block, CRLF CRLF.
func readRecord(br *bufio.Reader, maxBlock int64) (*Record, error) {
	line, err := readLine(br, 64)
	if err != nil {
		if errors.Is(err, errHeaderLimit) {
			return nil, &FormatError{Err: ErrMalformed, Detail: "bad version line"}
		}
		if len(line) > 0 && !strings.HasPrefix(string(line), "WARC/") && !strings.HasPrefix("WARC/", string(line)) {
			return nil, &FormatError{Err: ErrMalformed, Detail: fmt.Sprintf("bad version line %q", clip(line))}
		}
		return nil, err
	}
	v := string(trimEOL(line))
	if v != "WARC/1.1" && v != "WARC/1.0" {
		return nil, &FormatError{Err: ErrMalformed, Detail: fmt.Sprintf("bad version line %q", clip(line))}
	}
	rec := &Record{}
	if err := readFields(br, &rec.Header, MaxHeaderSize, false); err != nil {
		if c := classify(err); c != err {
			return nil, err
		}
		return nil, &FormatError{Err: ErrMalformed, Detail: err.Error()}
	}
	n, err := contentLength(rec.Header)
	if err != nil {
		return nil, err
	}
	if n > maxBlock {
		return nil, &FormatError{Err: ErrTooLarge, Detail: fmt.Sprintf("Content-Length %d beyond %d", n, maxBlock)}
	}
	rec.Block, err = readBlock(br, n)
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil, &FormatError{Err: ErrTruncated, Detail: fmt.Sprintf("block has %d of %d bytes", len(rec.Block), n)}
		}
		return nil, err
	}
	var end [4]byte
	if _, err := io.ReadFull(br, end[:]); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil, &FormatError{Err: ErrTruncated, Detail: "no CRLF CRLF after the block"}
		}
		return nil, err
	}
	if string(end[:]) != "\r\n\r\n" {
		return nil, &FormatError{Err: ErrMalformed, Detail: fmt.Sprintf("block not followed by CRLF CRLF but %q", end[:])}
	}
	return rec, nil
}

// contentLength returns the one Content-Length of h.
func contentLength(h Header) (int64, error) {
	vs := h.Values("Content-Length")
	if len(vs) == 0 {
		return 0, &FormatError{Err: ErrMalformed, Detail: "no Content-Length"}
	}
	var n int64 = -1
	for _, v := range vs {
		m, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil || m < 0 {
			return 0, &FormatError{Err: ErrMalformed, Detail: fmt.Sprintf("bad Content-Length %q", clip([]byte(v)))}
		}
		if n >= 0 && m != n {
			return 0, &FormatError{Err: ErrMalformed, Detail: "conflicting Content-Length fields"}
		}
		n = m
	}
	return n, nil
}

// readBlock reads n bytes, growing its buffer as data arrives so that a
// false Content-Length does not allocate more than the input holds (twice).
func readBlock(r io.Reader, n int64) ([]byte, error) {
	const step = 1 << 20
	c := n
	if c > step {
		c = step
	}
	buf := make([]byte, 0, c)
	for int64(len(buf)) < n {
		if len(buf) == cap(buf) {
			c := int64(cap(buf)) * 2
			if c > n {
				c = n
			}
			nb := make([]byte, len(buf), c)
			copy(nb, buf)
			buf = nb
		}
		m, err := io.ReadFull(r, buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if err != nil {
			return buf, err
		}
	}
	return buf, nil
}

// ReadAt reads the record at offset in the WARC file at path: the start of a
// gzip member for compressed files, of the version line otherwise. When path
// does not exist but path+".open" does (the file is still being written),
// that file is read.
func ReadAt(path string, offset int64) (*Record, error) {
	f, err := openWARC(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		return nil, fmt.Errorf("warc: %s: seek to %d: %w", path, offset, err)
	}
	r, err := newReader(f, offset)
	if err != nil {
		return nil, fmt.Errorf("warc: %s: %w", path, err)
	}
	rec, err := r.Next()
	if errors.Is(err, io.EOF) {
		err = &FormatError{Offset: offset, Err: ErrTruncated, Detail: "no record at this offset"}
	}
	if err != nil {
		return nil, fmt.Errorf("warc: %s: %w", path, err)
	}
	return rec, nil
}

// ReadFile calls fn with every record of the WARC file at path and its
// location, in order, until fn returns an error (returned as is) or the file
// ends.
func ReadFile(path string, fn func(rec *Record, loc Location) error) error {
	f, err := openWARC(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r, err := NewReader(f)
	if err != nil {
		return fmt.Errorf("warc: %s: %w", path, err)
	}
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("warc: %s: %w", path, err)
		}
		if err := fn(rec, Location{File: path, Offset: r.Offset(), Length: r.Length()}); err != nil {
			return err
		}
	}
}

func openWARC(path string) (*os.File, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) && !strings.HasSuffix(path, openSuffix) {
		if g, err2 := os.Open(path + openSuffix); err2 == nil {
			return g, nil
		}
	}
	if err != nil {
		return nil, fmt.Errorf("warc: %w", err)
	}
	return f, nil
}
