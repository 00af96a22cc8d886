package warc

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The standard's example records, read one by one.
func TestReadSpecExamples(t *testing.T) {
	tests := []struct {
		file, typ, id, target, date, ctype string
		length                             int
		fields                             map[string]string
	}{
		{"warcinfo.warc", "warcinfo", "<urn:uuid:d7ae5c10-e6b3-4d27-967d-34780c58ba39>", "", "2006-09-19T17:20:14Z", "application/warc-fields", 400, nil},
		{"request.warc", "request", "<urn:uuid:4885803b-eebd-4b27-a090-144450c11594>", "http://www.archive.org/images/logoc.jpg", "2006-09-19T17:20:24Z", "application/http;msgtype=request", 242,
			map[string]string{"WARC-Concurrent-To": "<urn:uuid:92283950-ef2f-4d72-b224-f54c6ec90bb0>", "WARC-Warcinfo-ID": "<urn:uuid:d7ae5c10-e6b3-4d27-967d-34780c58ba39>"}},
		{"response.warc", "response", "<urn:uuid:92283950-ef2f-4d72-b224-f54c6ec90bb0>", "http://www.archive.org/images/logoc.jpg", "2006-09-19T17:20:24Z", "application/http;msgtype=response", 1912,
			map[string]string{"WARC-IP-Address": "207.241.233.58", "WARC-Identified-Payload-Type": "image/jpeg", "WARC-Block-Digest": "sha1:UZY6ND6CCHXETFVJD2MSS7ZENMWF7KQ2"}},
		{"resource.warc", "resource", "<urn:uuid:23200706-de3e-3c61-a131-g65d7fd80cc1>", "file://var/www/htdoc/images/logoc.jpg", "2006-09-19T17:20:24Z", "image/jpeg", 1662, nil},
		{"metadata.warc", "metadata", "<urn:uuid:16da6da0-bcdc-49c3-927e-57494593b943>", "http://www.archive.org/images/logoc.jpg", "2006-09-19T17:20:24Z", "application/warc-fields", 65, nil},
		{"revisit.warc", "revisit", "<urn:uuid:16da6da0-bcdc-49c3-927e-57494593bbbb>", "http://www.archive.org/images/logoc.jpg", "2007-03-06T00:43:35Z", "message/http", 233,
			map[string]string{"WARC-Profile": "http://netpreserve.org/warc/1.1/server-not-modified", "WARC-Refers-To": "<urn:uuid:92283950-ef2f-4d72-b224-f54c6ec90bb0>"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			for _, form := range []string{"plain", "gzip"} {
				data := readSpec(t, tt.file)
				if form == "gzip" {
					data = gzipMember(t, data)
				}
				recs, _, err := readAll(t, data)
				if !errors.Is(err, io.EOF) {
					t.Fatalf("%s %s: %v", tt.file, form, err)
				}
				if len(recs) != 1 {
					t.Fatalf("%s %s: %d records, want 1", tt.file, form, len(recs))
				}
				rec := recs[0]
				check := func(field, got, want string) {
					if got != want {
						t.Errorf("%s %s: %s = %q, want %q", tt.file, form, field, got, want)
					}
				}
				check("Type", rec.Type(), tt.typ)
				check("ID", rec.ID(), tt.id)
				check("TargetURI", rec.TargetURI(), tt.target)
				check("Date", FormatDate(rec.Date()), tt.date)
				check("ContentType", rec.ContentType(), tt.ctype)
				if len(rec.Block) != tt.length {
					t.Errorf("%s %s: block has %d bytes, want %d", tt.file, form, len(rec.Block), tt.length)
				}
				for k, v := range tt.fields {
					check(k, rec.Header.Get(k), v)
				}
			}
		})
	}
}

// The annex's digests are illustrative: Verify must catch them.
func TestVerifySpecDigests(t *testing.T) {
	for _, f := range []string{"response.warc", "resource.warc", "metadata.warc"} {
		t.Run(f, func(t *testing.T) {
			recs, _, _ := readAll(t, readSpec(t, f))
			if len(recs) != 1 {
				t.Fatalf("%s: no record", f)
			}
			if err := Verify(recs[0]); !errors.Is(err, ErrDigest) {
				t.Errorf("%s: Verify = %v, want ErrDigest", f, err)
			}
			recs[0].Header.Set("WARC-Block-Digest", Digest(recs[0].Block))
			recs[0].Header.Del("WARC-Payload-Digest")
			if err := Verify(recs[0]); err != nil {
				t.Errorf("%s: Verify with true digest: %v", f, err)
			}
		})
	}
}

func TestSpecBlocks(t *testing.T) {
	t.Run("warcinfo fields", func(t *testing.T) {
		recs, _, _ := readAll(t, readSpec(t, "warcinfo.warc"))
		h, err := ParseFields(recs[0].Block)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := h.Get("http-header-user-agent"), "Mozilla/5.0 (compatible; heritrix/1.4.0 +http://crawler.archive.org)"; got != want {
			t.Errorf("warcinfo.warc: http-header-user-agent = %q, want %q", got, want)
		}
		if got, want := h.Get("conformsTo"), "http://www.archive.org/documents/WarcFileFormat-1.1.html"; got != want {
			t.Errorf("warcinfo.warc: conformsTo = %q, want %q", got, want)
		}
		if h.Len() != 9 {
			t.Errorf("warcinfo.warc: %d fields, want 9", h.Len())
		}
	})
	t.Run("response", func(t *testing.T) {
		recs, _, _ := readAll(t, readSpec(t, "response.warc"))
		resp, body, err := ParseResponse(recs[0])
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != 200 || resp.Header.Get("ETag") != `"3e45-67e-2ed02ec0"` || len(body) != 1662 {
			t.Errorf("response.warc: status %d, ETag %q, body %d bytes", resp.StatusCode, resp.Header.Get("ETag"), len(body))
		}
	})
	t.Run("request", func(t *testing.T) {
		recs, _, _ := readAll(t, readSpec(t, "request.warc"))
		req, _, err := ParseRequest(recs[0])
		if err != nil {
			t.Fatal(err)
		}
		if req.Method != "GET" || req.Host != "www.archive.org" || req.Header.Get("From") != "stack@example.org" {
			t.Errorf("request.warc: %s %s %v", req.Method, req.Host, req.Header)
		}
	})
	t.Run("revisit status line", func(t *testing.T) {
		recs, _, _ := readAll(t, readSpec(t, "revisit.warc"))
		if _, _, err := ParseResponse(recs[0]); err == nil {
			t.Error("revisit.warc: HTTP/1.x status line accepted")
		}
	})
}

// The annex as one plain file, then with one gzip member per record: the
// offsets are those of the records, resp. members, and ReadAt finds them.
func TestReadOffsets(t *testing.T) {
	plain := readSpec(t, "annex.warc")
	names := []string{"warcinfo.warc", "request.warc", "response.warc", "resource.warc", "metadata.warc", "revisit.warc"}
	var gz []byte
	var plainOffs, gzOffs []int64
	var po int64
	for _, n := range names {
		b := readSpec(t, n)
		plainOffs = append(plainOffs, po)
		po += int64(len(b))
		gzOffs = append(gzOffs, int64(len(gz)))
		gz = append(gz, gzipMember(t, b)...)
	}
	dir := t.TempDir()
	for _, tt := range []struct {
		name string
		data []byte
		offs []int64
	}{{"plain", plain, plainOffs}, {"gzip", gz, gzOffs}} {
		t.Run(tt.name, func(t *testing.T) {
			recs, offs, err := readAll(t, tt.data)
			if !errors.Is(err, io.EOF) {
				t.Fatalf("%s: %v", tt.name, err)
			}
			if len(recs) != len(names) {
				t.Fatalf("%s: %d records, want %d", tt.name, len(recs), len(names))
			}
			path := filepath.Join(dir, "annex-"+tt.name)
			if err := os.WriteFile(path, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			for i := range names {
				if offs[i] != tt.offs[i] {
					t.Errorf("%s: record %d (%s) at offset %d, want %d", tt.name, i, names[i], offs[i], tt.offs[i])
				}
				rec, err := ReadAt(path, tt.offs[i])
				if err != nil {
					t.Errorf("%s: ReadAt %d: %v", tt.name, tt.offs[i], err)
					continue
				}
				if rec.ID() != recs[i].ID() || !bytes.Equal(rec.Block, recs[i].Block) {
					t.Errorf("%s: ReadAt %d gave %s, want %s", tt.name, tt.offs[i], rec.ID(), recs[i].ID())
				}
			}
		})
	}
	t.Run("whole file one gzip stream", func(t *testing.T) {
		recs, offs, err := readAll(t, gzipMember(t, plain))
		if !errors.Is(err, io.EOF) || len(recs) != len(names) {
			t.Fatalf("one stream: %d records, %v", len(recs), err)
		}
		for i, o := range offs {
			if o != 0 {
				t.Errorf("one stream: record %d at offset %d, want the member's 0", i, o)
			}
		}
	})
	t.Run("extra blank lines and WARC/1.0", func(t *testing.T) {
		data := []byte("\r\n\r\n" + strings.Replace(string(plain), "WARC/1.1", "WARC/1.0", 1))
		recs, offs, err := readAll(t, data)
		if !errors.Is(err, io.EOF) || len(recs) != len(names) {
			t.Fatalf("blank lines: %d records, %v", len(recs), err)
		}
		if offs[0] != 4 {
			t.Errorf("blank lines: first record at %d, want 4", offs[0])
		}
	})
}

// Damaged input: every case gives a *FormatError with the right sentinel
// and offset, never a panic.
func TestReadDamaged(t *testing.T) {
	good := readSpec(t, "request.warc")
	info := readSpec(t, "warcinfo.warc")
	gzGood := gzipMember(t, good)
	gzInfo := gzipMember(t, info)
	at := int64(len(info))
	gzAt := int64(len(gzInfo))
	tests := []struct {
		name string
		data []byte
		err  error
		off  int64
	}{
		{"bad version line", concat(info, []byte("HTTP/1.1 200 OK\r\n\r\n")), ErrMalformed, at},
		{"unknown version", concat(info, bytes.Replace(good, []byte("WARC/1.1"), []byte("WARC/9.9"), 1)), ErrMalformed, at},
		{"garbage without line end", concat(info, []byte("garbage")), ErrMalformed, at},
		{"very long version line", concat(info, bytes.Repeat([]byte("W"), 1000)), ErrMalformed, at},
		{"no content length", concat(info, bytes.Replace(good, []byte("Content-Length: 242\r\n"), nil, 1)), ErrMalformed, at},
		{"bad content length", concat(info, bytes.Replace(good, []byte("Content-Length: 242"), []byte("Content-Length: 24x"), 1)), ErrMalformed, at},
		{"negative content length", concat(info, bytes.Replace(good, []byte("Content-Length: 242"), []byte("Content-Length: -1"), 1)), ErrMalformed, at},
		{"content length overflow", concat(info, bytes.Replace(good, []byte("Content-Length: 242"), []byte("Content-Length: 99999999999999999999999"), 1)), ErrMalformed, at},
		{"huge content length", concat(info, bytes.Replace(good, []byte("Content-Length: 242"), []byte("Content-Length: 9000000000000000000"), 1)), ErrTooLarge, at},
		{"content length too long", concat(info, bytes.Replace(good, []byte("Content-Length: 242"), []byte("Content-Length: 300"), 1)), ErrTruncated, at},
		{"content length too short", concat(info, bytes.Replace(good, []byte("Content-Length: 242"), []byte("Content-Length: 200"), 1)), ErrMalformed, at},
		{"header line without colon", concat(info, bytes.Replace(good, []byte("WARC-Type: request"), []byte("WARC-Type request"), 1)), ErrMalformed, at},
		{"header never ends", concat(info, []byte("WARC/1.1\r\nWARC-Type: request\r\n")), ErrTruncated, at},
		{"block cut", concat(info, good[:len(good)-40]), ErrTruncated, at},
		{"end of record cut", concat(info, good[:len(good)-2]), ErrTruncated, at},
		{"huge header", concat(info, []byte("WARC/1.1\r\nX: "), bytes.Repeat([]byte("a"), MaxHeaderSize+10)), ErrTooLarge, at},
		{"gzip member cut", concat(gzInfo, gzGood[:len(gzGood)/2]), ErrTruncated, gzAt},
		{"gzip trailer cut", concat(gzInfo, gzGood[:len(gzGood)-3]), ErrTruncated, gzAt},
		{"gzip header cut", concat(gzInfo, gzGood[:5]), ErrTruncated, gzAt},
		{"gzip checksum", concat(gzInfo, flip(gzGood, len(gzGood)-6)), ErrCorrupt, gzAt},
		{"gzip garbage after member", concat(gzInfo, []byte("not gzip at all")), ErrCorrupt, gzAt},
		{"gzip record cut inside member", concat(gzInfo, gzipMember(t, good[:100])), ErrTruncated, gzAt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, _, err := readAll(t, tt.data)
			if len(recs) != 1 {
				t.Errorf("%s: %d good records before the damage, want 1", tt.name, len(recs))
			}
			var fe *FormatError
			if !errors.As(err, &fe) {
				t.Fatalf("%s: error %v (%T), want *FormatError", tt.name, err, err)
			}
			if !errors.Is(err, tt.err) {
				t.Errorf("%s: error %v, want %v", tt.name, err, tt.err)
			}
			if fe.Offset != tt.off {
				t.Errorf("%s: offset %d, want %d (%v)", tt.name, fe.Offset, tt.off, err)
			}
		})
	}
}

func TestReaderMaxBlockSize(t *testing.T) {
	r, err := NewReader(bytes.NewReader(readSpec(t, "response.warc")))
	if err != nil {
		t.Fatal(err)
	}
	r.SetMaxBlockSize(1000)
	if _, err := r.Next(); !errors.Is(err, ErrTooLarge) {
		t.Errorf("response.warc with a 1000-byte bound: %v, want ErrTooLarge", err)
	}
	if _, err := r.Next(); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Next after an error: %v, want the same error", err)
	}
}

func TestReadEmpty(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("\r\n")} {
		_, _, err := readAll(t, data)
		if !errors.Is(err, io.EOF) {
			t.Errorf("%q: %v, want io.EOF", data, err)
		}
	}
}

func concat(bs ...[]byte) []byte {
	var out []byte
	for _, b := range bs {
		out = append(out, b...)
	}
	return out
}

func flip(b []byte, i int) []byte {
	c := append([]byte(nil), b...)
	c[i] ^= 0xff
	return c
}

func FuzzReader(f *testing.F) {
	for _, n := range []string{"annex.warc", "request.warc", "response.warc", "warcinfo.warc"} {
		b, err := os.ReadFile(filepath.Join(specDir, n))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		f.Add(gzipMember(f, b))
		f.Add(b[:len(b)/2])
	}
	f.Add([]byte("WARC/1.1\r\nContent-Length: 99999999999\r\n\r\n"))
	f.Add([]byte("WARC/1.1\r\n continuation\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewReader(bytes.NewReader(data))
		if err != nil {
			return
		}
		r.SetMaxBlockSize(1 << 20)
		for i := 0; i < 100; i++ {
			rec, err := r.Next()
			if err != nil {
				var fe *FormatError
				if !errors.Is(err, io.EOF) && !errors.As(err, &fe) {
					t.Fatalf("error %v (%T) is not a *FormatError", err, err)
				}
				return
			}
			if rec.Header.Get("Content-Length") == "" {
				t.Fatal("record without Content-Length")
			}
			ParseResponse(rec)
			ParseRequest(rec)
			ParseFields(rec.Block)
			Verify(rec)
		}
	})
}
