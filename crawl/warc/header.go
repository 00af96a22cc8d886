package warc

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// validName reports whether s is an RFC 2616 token, as WARC field names are.
func validName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("()<>@,;:\\\"/[]?={}", c) >= 0 {
			return false
		}
	}
	return true
}

// validValue reports whether s can be written as a field value on one line:
// no control characters other than tab.
func validValue(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < ' ' && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}

// check reports the first field that cannot be written.
func (h Header) check() error {
	for _, f := range h.fields {
		if !validName(f[0]) {
			return fmt.Errorf("warc: bad field name %q", f[0])
		}
		if !validValue(f[1]) {
			return fmt.Errorf("warc: bad value for field %s: %q", f[0], f[1])
		}
	}
	return nil
}

// appendTo appends the fields as "Name: value\r\n" lines.
func (h Header) appendTo(b []byte) []byte {
	for _, f := range h.fields {
		b = append(b, f[0]...)
		b = append(b, ": "...)
		b = append(b, f[1]...)
		b = append(b, "\r\n"...)
	}
	return b
}

// String returns the fields as CRLF-terminated lines, the form of an
// application/warc-fields block.
func (h Header) String() string { return string(h.appendTo(nil)) }

// ParseFields parses an application/warc-fields block (the body of warcinfo
// and metadata records): "name: value" lines ended by CRLF or LF, with lines
// starting with a space or a tab continuing the previous value. An empty line
// ends the fields.
func ParseFields(block []byte) (Header, error) {
	var h Header
	err := readFields(bufio.NewReader(bytes.NewReader(block)), &h, int64(len(block))+1, true)
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		err = nil
	}
	if err != nil {
		return h, fmt.Errorf("warc: fields: %w", err)
	}
	return h, nil
}

// errHeaderLimit is returned by readFields when the fields exceed max bytes.
var errHeaderLimit = errors.New("header beyond limit")

// readFields reads header lines from br into h until an empty line, which it
// consumes. It reads at most max bytes. io.EOF is returned when the input
// ends before the empty line; a last line without a line end is kept when
// lastLine is set, and otherwise ignored (a torn header).
func readFields(br *bufio.Reader, h *Header, max int64, lastLine bool) error {
	var n int64
	for {
		line, err := readLine(br, max-n)
		n += int64(len(line))
		if err != nil {
			if errors.Is(err, io.EOF) && len(line) > 0 && lastLine {
				// Last line without a line end.
				if e := addLine(h, trimEOL(line)); e != nil {
					return e
				}
			}
			return err
		}
		l := trimEOL(line)
		if len(l) == 0 {
			return nil
		}
		if e := addLine(h, l); e != nil {
			return e
		}
	}
}

func addLine(h *Header, l []byte) error {
	if l[0] == ' ' || l[0] == '\t' {
		if len(h.fields) == 0 {
			return fmt.Errorf("continuation line before any field: %q", clip(l))
		}
		last := &h.fields[len(h.fields)-1]
		v := strings.TrimSpace(string(l))
		if last[1] == "" {
			last[1] = v
		} else {
			last[1] += " " + v
		}
		return nil
	}
	i := bytes.IndexByte(l, ':')
	if i <= 0 {
		return fmt.Errorf("header line without a field name: %q", clip(l))
	}
	name := strings.TrimSpace(string(l[:i]))
	if !validName(name) {
		return fmt.Errorf("bad field name %q", clip(l[:i]))
	}
	h.fields = append(h.fields, [2]string{name, strings.TrimSpace(string(l[i+1:]))})
	return nil
}

// readLine reads one line including its LF, at most max bytes. A line longer
// than max gives errHeaderLimit.
func readLine(br *bufio.Reader, max int64) ([]byte, error) {
	var line []byte
	for {
		frag, err := br.ReadSlice('\n')
		if int64(len(line)+len(frag)) > max {
			return nil, errHeaderLimit
		}
		line = append(line, frag...)
		if err == bufio.ErrBufferFull {
			continue
		}
		return line, err
	}
}

func trimEOL(l []byte) []byte {
	l = bytes.TrimSuffix(l, []byte("\n"))
	return bytes.TrimSuffix(l, []byte("\r"))
}

// clip shortens untrusted input quoted in an error.
func clip(b []byte) string {
	const n = 64
	if len(b) > n {
		return string(b[:n]) + "..."
	}
	return string(b)
}
