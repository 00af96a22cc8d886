package warc

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Version is the version line this package writes. The reader accepts
// WARC/1.0 and WARC/1.1.
const Version = "WARC/1.1"

// Record types (WARC-Type values) and block content types written here.
const (
	TypeWarcinfo = "warcinfo"
	TypeRequest  = "request"
	TypeResponse = "response"
	TypeResource = "resource"
	TypeMetadata = "metadata"
	TypeRevisit  = "revisit"

	ContentTypeRequest  = "application/http;msgtype=request"
	ContentTypeResponse = "application/http;msgtype=response"
	ContentTypeFields   = "application/warc-fields"
)

// Errors that callers can tell apart with errors.Is. Reading errors are
// returned as a *FormatError that carries the offset of the record and wraps
// one of these.
var (
	// ErrTruncated: the input ends inside a record (a torn gzip member, a
	// block shorter than its Content-Length, a missing end of record).
	ErrTruncated = errors.New("truncated record")
	// ErrMalformed: a bad version line, header line, Content-Length or end of
	// record.
	ErrMalformed = errors.New("malformed record")
	// ErrTooLarge: a header or a block beyond the reader's bounds.
	ErrTooLarge = errors.New("record too large")
	// ErrCorrupt: compressed data that does not decompress (bad gzip header,
	// deflate data or checksum).
	ErrCorrupt = errors.New("corrupt compressed data")
)

// FormatError reports a record that cannot be read. Offset is the byte
// offset in the (compressed) input of the record or gzip member concerned.
type FormatError struct {
	Offset int64
	Detail string
	Err    error
}

func (e *FormatError) Error() string {
	if e.Detail == "" {
		return fmt.Sprintf("warc: record at offset %d: %v", e.Offset, e.Err)
	}
	return fmt.Sprintf("warc: record at offset %d: %v: %s", e.Offset, e.Err, e.Detail)
}

func (e *FormatError) Unwrap() error { return e.Err }

// Header is the ordered list of named fields of a WARC record header (or of
// an application/warc-fields block). Names are matched case-insensitively;
// the order and spelling of fields are kept as written. The zero value is an
// empty header ready to use.
type Header struct {
	fields [][2]string
}

// Get returns the value of the first field with the given name, or "".
func (h Header) Get(name string) string {
	for _, f := range h.fields {
		if strings.EqualFold(f[0], name) {
			return f[1]
		}
	}
	return ""
}

// Values returns the values of every field with the given name, in order.
func (h Header) Values(name string) []string {
	var vs []string
	for _, f := range h.fields {
		if strings.EqualFold(f[0], name) {
			vs = append(vs, f[1])
		}
	}
	return vs
}

// Has reports whether a field with the given name is present.
func (h Header) Has(name string) bool {
	for _, f := range h.fields {
		if strings.EqualFold(f[0], name) {
			return true
		}
	}
	return false
}

// Set replaces the value of the first field with the given name and removes
// any later ones; without such a field it appends one.
func (h *Header) Set(name, value string) {
	out := h.fields[:0]
	done := false
	for _, f := range h.fields {
		if strings.EqualFold(f[0], name) {
			if done {
				continue
			}
			f[1] = value
			done = true
		}
		out = append(out, f)
	}
	h.fields = out
	if !done {
		h.fields = append(h.fields, [2]string{name, value})
	}
}

// Add appends a field, keeping any existing fields of the same name.
func (h *Header) Add(name, value string) {
	h.fields = append(h.fields, [2]string{name, value})
}

// Del removes every field with the given name.
func (h *Header) Del(name string) {
	out := h.fields[:0]
	for _, f := range h.fields {
		if !strings.EqualFold(f[0], name) {
			out = append(out, f)
		}
	}
	h.fields = out
}

// Len returns the number of fields.
func (h Header) Len() int { return len(h.fields) }

// Fields returns a copy of the fields, in order, as {name, value} pairs.
func (h Header) Fields() [][2]string {
	out := make([][2]string, len(h.fields))
	copy(out, h.fields)
	return out
}

// Record is one WARC record: its header fields and its content block. The
// block of a record read from a file is exactly Content-Length bytes; the
// CRLF CRLF that ends a record is not part of it.
type Record struct {
	Header Header
	Block  []byte
}

// Type returns the WARC-Type field.
func (r *Record) Type() string { return r.Header.Get("WARC-Type") }

// ID returns the WARC-Record-ID field, angle brackets included
// ("<urn:uuid:...>").
func (r *Record) ID() string { return r.Header.Get("WARC-Record-ID") }

// TargetURI returns the WARC-Target-URI field. WARC 1.0 writers sometimes
// wrapped it in angle brackets; those are removed.
func (r *Record) TargetURI() string {
	u := r.Header.Get("WARC-Target-URI")
	if len(u) >= 2 && u[0] == '<' && u[len(u)-1] == '>' {
		u = u[1 : len(u)-1]
	}
	return u
}

// Date returns the WARC-Date field as a UTC time, or the zero time when the
// field is missing or not a W3C-ISO8601 date (use ParseDate to see why).
func (r *Record) Date() time.Time {
	t, err := ParseDate(r.Header.Get("WARC-Date"))
	if err != nil {
		return time.Time{}
	}
	return t
}

// ContentType returns the Content-Type field.
func (r *Record) ContentType() string { return r.Header.Get("Content-Type") }

// Location says where a record's gzip member sits: the file, the byte offset
// of the member and its compressed length. A reader started at Offset with a
// fresh gzip reader (see ReadAt) reads exactly that record.
type Location struct {
	File   string
	Offset int64
	Length int64
}

// dateLayouts are the W3C-ISO8601 forms allowed by WARC 1.1 for WARC-Date,
// finest first.
var dateLayouts = [...]string{
	time.RFC3339Nano,
	"2006-01-02T15:04Z07:00",
	"2006-01-02",
	"2006-01",
	"2006",
}

// ParseDate parses a WARC-Date value (W3C-ISO8601, UTC, any precision from
// the year down to fractions of a second).
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("warc: bad WARC-Date %q", s)
}

// FormatDate formats t as a WARC-Date: UTC, whole seconds when t has no
// fraction, otherwise up to microseconds (the precision other WARC tools
// read).
func FormatDate(t time.Time) string {
	return t.UTC().Truncate(time.Microsecond).Format("2006-01-02T15:04:05.999999Z07:00")
}
