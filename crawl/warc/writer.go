package warc

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/klauspost/compress/gzip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ErrClosed is returned by a Writer used after Close.
var ErrClosed = errors.New("warc: writer closed")

// Writer defaults.
const (
	DefaultPrefix      = "thidua"
	DefaultMaxFileSize = 1 << 30
	DefaultSoftware    = "thidua (https://github.com/thidua/thidua)"
)

// WriterOptions configures a Writer. The zero value works.
type WriterOptions struct {
	// Prefix starts every file name (default DefaultPrefix). It may not
	// contain a path separator.
	Prefix string
	// MaxFileSize is the size at which a file is closed and the next one
	// started (default DefaultMaxFileSize). A file exceeds it only when it
	// holds a single record (or exchange) larger than that.
	MaxFileSize int64
	// Software is the "software" field of each file's warcinfo record
	// (default DefaultSoftware).
	Software string
	// Info holds more warcinfo fields, written after software, format and
	// conformsTo (e.g. "operator", "robots", "http-header-user-agent").
	Info Header
	// Level is the gzip level of each member, from gzip.BestSpeed (1) to
	// gzip.BestCompression (9); 0 means gzip.BestSpeed.
	Level int
	// Now stands for time.Now (file names, WARC-Date when missing); tests set
	// it. It is called from the goroutines that write, so it must be safe for
	// concurrent use.
	Now func() time.Time
}

// Writer writes records into rotated WARC 1.1 files, one gzip member per
// record. It is safe for concurrent use; records are compressed by the
// calling goroutine and appended under a lock.
type Writer struct {
	dir  string
	opts WriterOptions
	free freeList // gzip writers and member buffers kept between records

	mu       sync.Mutex
	f        *os.File
	final    string // path the open file gets when closed
	size     int64  // bytes in the open file
	infoSize int64  // bytes of its warcinfo record
	serial   int
	closed   bool
	err      error // sticky: the open file could not be restored after a failed write
}

// NewWriter returns a writer of files in dir, creating dir if needed. It
// first repairs ".open" files of the same prefix left by a killed writer
// (cut after their last complete record, then renamed). The first file is
// created by the first write.
func NewWriter(dir string, opts WriterOptions) (*Writer, error) {
	if opts.Prefix == "" {
		opts.Prefix = DefaultPrefix
	}
	if strings.ContainsAny(opts.Prefix, `/\`) || opts.Prefix == "." || opts.Prefix == ".." {
		return nil, fmt.Errorf("warc: bad file prefix %q", opts.Prefix)
	}
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	if opts.Software == "" {
		opts.Software = DefaultSoftware
	}
	if opts.Level == 0 {
		opts.Level = gzip.BestSpeed
	}
	if opts.Level < gzip.BestSpeed || opts.Level > gzip.BestCompression {
		return nil, fmt.Errorf("warc: bad gzip level %d", opts.Level)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if err := opts.Info.check(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("warc: %w", err)
	}
	if err := repairOpen(dir, opts.Prefix); err != nil {
		return nil, err
	}
	serial, err := nextSerial(dir, opts.Prefix)
	if err != nil {
		return nil, err
	}
	return &Writer{dir: dir, opts: opts, serial: serial, free: newFreeList()}, nil
}

// WriteRecord appends one record and returns where its gzip member sits. It
// fills in, when missing, WARC-Record-ID, WARC-Date and WARC-Block-Digest
// (in r.Header, so the caller sees them), and sets Content-Length; a
// Content-Length that disagrees with the block is an error, and so is a
// missing WARC-Type or a field that cannot be written on one line.
func (w *Writer) WriteRecord(r *Record) (Location, error) {
	if err := w.fill(r); err != nil {
		return Location{}, err
	}
	m, err := w.encode(&r.Header, r.Block)
	if err != nil {
		return Location{}, err
	}
	locs, err := w.write(m)
	w.free.putBuf(m)
	if err != nil {
		return Location{}, err
	}
	return locs[0], nil
}

// fill completes r's header (see WriteRecord).
func (w *Writer) fill(r *Record) error {
	return w.fillParts(&r.Header, r.Block)
}

// fillParts completes the header of a record whose block is the
// concatenation of parts (see WriteRecord); the block digest, when missing,
// is computed over the parts in turn, without joining them.
func (w *Writer) fillParts(h *Header, parts ...[]byte) error {
	if h.Get("WARC-Type") == "" {
		return errors.New("warc: record without WARC-Type")
	}
	if !h.Has("WARC-Record-ID") {
		id, err := NewRecordID()
		if err != nil {
			return err
		}
		h.Set("WARC-Record-ID", id)
	}
	if !h.Has("WARC-Date") {
		h.Set("WARC-Date", FormatDate(w.opts.Now()))
	}
	size := 0
	for _, p := range parts {
		size += len(p)
	}
	n := strconv.Itoa(size)
	if vs := h.Values("Content-Length"); len(vs) > 0 && (len(vs) > 1 || strings.TrimSpace(vs[0]) != n) {
		return fmt.Errorf("warc: record %s: Content-Length %q but the block has %s bytes", h.Get("WARC-Record-ID"), vs, n)
	}
	h.Set("Content-Length", n)
	if !h.Has("WARC-Block-Digest") {
		h.Set("WARC-Block-Digest", Digest(parts...))
	}
	if err := h.check(); err != nil {
		return fmt.Errorf("%w (record %s)", err, h.Get("WARC-Record-ID"))
	}
	return nil
}

// encode compresses a complete record, its header h and its block (the
// concatenation of parts), into one gzip member. The buffer returned comes
// from the writer's free list; the caller gives it back with free.putBuf.
func (w *Writer) encode(h *Header, parts ...[]byte) (*bytes.Buffer, error) {
	out := w.free.getBuf()
	zw, err := w.free.getGzip(out, w.opts.Level)
	if err != nil {
		w.free.putBuf(out)
		return nil, fmt.Errorf("warc: %w", err)
	}
	defer w.free.putGzip(zw)
	size := 0
	for _, p := range parts {
		size += len(p)
	}
	// Text compresses to well under half at any level: room for the
	// member without regrowing the buffer on the first use.
	out.Grow(size/2 + 1024)
	head := make([]byte, 0, 512)
	head = append(head, Version+"\r\n"...)
	head = h.appendTo(head)
	head = append(head, "\r\n"...)
	if _, err := zw.Write(head); err != nil {
		w.free.putBuf(out)
		return nil, fmt.Errorf("warc: compress: %w", err)
	}
	for _, p := range parts {
		if _, err := zw.Write(p); err != nil {
			w.free.putBuf(out)
			return nil, fmt.Errorf("warc: compress: %w", err)
		}
	}
	if _, err := zw.Write([]byte("\r\n\r\n")); err != nil {
		w.free.putBuf(out)
		return nil, fmt.Errorf("warc: compress: %w", err)
	}
	if err := zw.Close(); err != nil {
		w.free.putBuf(out)
		return nil, fmt.Errorf("warc: compress: %w", err)
	}
	return out, nil
}

// write appends members to the open file, consecutively, starting a new
// file first when they would push the current one past MaxFileSize.
func (w *Writer) write(members ...*bytes.Buffer) ([]Location, error) {
	var total int64
	for _, m := range members {
		total += int64(m.Len())
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil, ErrClosed
	}
	if w.err != nil {
		return nil, w.err
	}
	if w.f != nil && w.size > w.infoSize && w.size+total > w.opts.MaxFileSize {
		if err := w.closeFile(); err != nil {
			return nil, err
		}
	}
	if w.f == nil {
		if err := w.openFile(); err != nil {
			return nil, err
		}
	}
	start := w.size
	locs := make([]Location, len(members))
	for i, m := range members {
		n := int64(m.Len())
		if err := w.append(m.Bytes()); err != nil {
			w.undo(start)
			return nil, err
		}
		locs[i] = Location{File: w.final, Offset: w.size - n, Length: n}
	}
	return locs, nil
}

// append writes b at the end of the open file.
func (w *Writer) append(b []byte) error {
	n, err := w.f.Write(b)
	w.size += int64(n)
	if err != nil {
		return fmt.Errorf("warc: write %s: %w", w.final, err)
	}
	return nil
}

// undo cuts the open file back to size after a failed write, so that it
// ends with a complete member; if it cannot, the writer stops.
func (w *Writer) undo(size int64) {
	if err := w.f.Truncate(size); err != nil {
		w.err = fmt.Errorf("warc: write %s failed and could not be undone: %w", w.final, err)
		return
	}
	if _, err := w.f.Seek(size, 0); err != nil {
		w.err = fmt.Errorf("warc: write %s failed and could not be undone: %w", w.final, err)
		return
	}
	w.size = size
}

// openFile creates the next ".open" file and writes its warcinfo record.
func (w *Writer) openFile() error {
	now := w.opts.Now()
	for tries := 0; ; tries++ {
		name := fileName(w.opts.Prefix, now, w.serial)
		final := filepath.Join(w.dir, name)
		f, err := os.OpenFile(final+openSuffix, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, os.ErrExist) && tries < 1000 {
			w.serial++
			continue
		}
		if err != nil {
			return fmt.Errorf("warc: %w", err)
		}
		if _, err := os.Stat(final); err == nil && tries < 1000 {
			f.Close()
			os.Remove(final + openSuffix)
			w.serial++
			continue
		}
		if _, err := tryLock(f); err != nil {
			f.Close()
			return fmt.Errorf("warc: lock %s: %w", final+openSuffix, err)
		}
		w.f, w.final, w.size, w.infoSize = f, final, 0, 0
		w.serial++
		break
	}
	info, err := w.warcinfo(filepath.Base(w.final))
	if err == nil {
		var m *bytes.Buffer
		if m, err = w.encode(&info.Header, info.Block); err == nil {
			err = w.append(m.Bytes())
			w.free.putBuf(m)
		}
	}
	if err == nil {
		err = syncDir(w.dir)
	}
	if err != nil {
		w.f.Close()
		os.Remove(w.final + openSuffix)
		w.f = nil
		return err
	}
	w.infoSize = w.size
	return nil
}

// warcinfo builds the record that opens a file.
func (w *Writer) warcinfo(name string) (*Record, error) {
	var fields Header
	fields.Add("software", w.opts.Software)
	fields.Add("format", "WARC File Format 1.1")
	fields.Add("conformsTo", "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/")
	fields.fields = append(fields.fields, w.opts.Info.fields...)
	rec := &Record{Block: fields.appendTo(nil)}
	rec.Header.Set("WARC-Type", TypeWarcinfo)
	rec.Header.Set("WARC-Filename", name)
	rec.Header.Set("Content-Type", ContentTypeFields)
	if err := w.fill(rec); err != nil {
		return nil, err
	}
	return rec, nil
}

// closeFile syncs, closes and renames the open file.
func (w *Writer) closeFile() error {
	f := w.f
	w.f = nil
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("warc: sync %s: %w", w.final, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("warc: close %s: %w", w.final, err)
	}
	if err := os.Rename(w.final+openSuffix, w.final); err != nil {
		return fmt.Errorf("warc: %w", err)
	}
	return syncDir(w.dir)
}

// Sync makes every record written so far durable (fsync). A caller that
// records Locations elsewhere (a state store) syncs before committing them.
func (w *Writer) Sync() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return ErrClosed
	}
	if w.f == nil {
		return nil
	}
	if err := w.f.Sync(); err != nil {
		return fmt.Errorf("warc: sync %s: %w", w.final, err)
	}
	return nil
}

// Close finishes the open file (sync, close, rename without ".open"). Later
// writes return ErrClosed; closing twice is a no-op.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil
	}
	w.closed = true
	if w.f == nil {
		return w.err
	}
	if err := w.closeFile(); err != nil {
		return err
	}
	return w.err
}

// NewRecordID returns a new WARC-Record-ID: a random (version 4) UUID URN in
// angle brackets.
func NewRecordID() (string, error) {
	var u [16]byte
	if _, err := rand.Read(u[:]); err != nil {
		return "", fmt.Errorf("warc: record id: %w", err)
	}
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], u[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], u[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], u[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], u[8:10])
	s[23] = '-'
	hex.Encode(s[24:], u[10:])
	return "<urn:uuid:" + string(s[:]) + ">", nil
}
