package warc

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// Records written and read back: the header fields are those given plus the
// ones the writer fills in, the blocks are unchanged.
func TestWriteRecordRoundTrip(t *testing.T) {
	w, dir := testWriter(t, WriterOptions{Prefix: "rt"})
	blocks := [][]byte{nil, []byte("x"), []byte("Giao ước thi đua\r\n\r\n"), bytes.Repeat([]byte{0, 1, 2, 0xff}, 100000)}
	var locs []Location
	var ids []string
	for i, b := range blocks {
		rec := &Record{Block: b}
		rec.Header.Set("WARC-Type", TypeResource)
		rec.Header.Set("WARC-Target-URI", fmt.Sprintf("urn:test:%d", i))
		rec.Header.Set("Content-Type", "application/octet-stream")
		loc, err := w.WriteRecord(rec)
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`^<urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}>$`).MatchString(rec.ID()) {
			t.Errorf("block %d: record ID %q is not a v4 UUID URN", i, rec.ID())
		}
		locs = append(locs, loc)
		ids = append(ids, rec.ID())
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	files, err := Files(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || !regexp.MustCompile(`/rt-20250301200002-00000\.warc\.gz$`).MatchString(files[0]) {
		t.Fatalf("files %v, want one rt-20250301200002-00000.warc.gz", files)
	}
	var got []*Record
	err = ReadFile(files[0], func(rec *Record, loc Location) error {
		if rec.Type() != TypeWarcinfo {
			i := len(got)
			if loc != locs[i] {
				t.Errorf("record %d: ReadFile location %+v, writer said %+v", i, loc, locs[i])
			}
			got = append(got, rec)
		} else if loc.Offset != 0 {
			t.Errorf("warcinfo at offset %d, want 0", loc.Offset)
		}
		if err := Verify(rec); err != nil {
			t.Errorf("%s record: %v", rec.Type(), err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(blocks) {
		t.Fatalf("%d records read back, want %d", len(got), len(blocks))
	}
	for i, rec := range got {
		if !bytes.Equal(rec.Block, blocks[i]) {
			t.Errorf("record %d: block differs", i)
		}
		if rec.ID() != ids[i] || rec.TargetURI() != fmt.Sprintf("urn:test:%d", i) || rec.Header.Get("Content-Length") != fmt.Sprint(len(blocks[i])) {
			t.Errorf("record %d: header %v", i, rec.Header.Fields())
		}
		if rec.Date().IsZero() {
			t.Errorf("record %d: no WARC-Date", i)
		}
		byLoc, err := ReadAt(locs[i].File, locs[i].Offset)
		if err != nil || byLoc.ID() != ids[i] {
			t.Errorf("record %d: ReadAt: %v, %v", i, byLoc, err)
		}
	}
}

func TestWarcinfo(t *testing.T) {
	var info Header
	info.Add("operator", "thidua nightly")
	w, dir := testWriter(t, WriterOptions{Software: "thidua test", Info: info})
	rec := &Record{Block: []byte("x")}
	rec.Header.Set("WARC-Type", TypeMetadata)
	if _, err := w.WriteRecord(rec); err != nil {
		t.Fatal(err)
	}
	w.Close()
	files, _ := Files(dir)
	first, err := ReadAt(files[0], 0)
	if err != nil {
		t.Fatal(err)
	}
	if first.Type() != TypeWarcinfo || first.ContentType() != ContentTypeFields || first.Header.Get("WARC-Filename") != filepath.Base(files[0]) {
		t.Errorf("warcinfo header %v", first.Header.Fields())
	}
	f, err := ParseFields(first.Block)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{"software": "thidua test", "format": "WARC File Format 1.1", "operator": "thidua nightly"} {
		if f.Get(k) != v {
			t.Errorf("warcinfo field %s = %q, want %q", k, f.Get(k), v)
		}
	}
}

func TestWriteRecordRejects(t *testing.T) {
	tests := []struct {
		name  string
		build func() *Record
	}{
		{"no type", func() *Record { return &Record{Block: []byte("x")} }},
		{"wrong content length", func() *Record {
			r := &Record{Block: []byte("abc")}
			r.Header.Set("WARC-Type", TypeResource)
			r.Header.Set("Content-Length", "4")
			return r
		}},
		{"line break in value", func() *Record {
			r := &Record{}
			r.Header.Set("WARC-Type", TypeResource)
			r.Header.Set("WARC-Target-URI", "http://a/\r\nWARC-Type: evil")
			return r
		}},
		{"bad field name", func() *Record {
			r := &Record{}
			r.Header.Set("WARC-Type", TypeResource)
			r.Header.Set("Bad Name", "x")
			return r
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, dir := testWriter(t, WriterOptions{})
			if _, err := w.WriteRecord(tt.build()); err == nil {
				t.Errorf("%s: accepted", tt.name)
			}
			w.Close()
			if files, _ := Files(dir); len(files) != 0 {
				t.Errorf("%s: a rejected record created %v", tt.name, files)
			}
		})
	}
}

func TestNewWriterRejects(t *testing.T) {
	for _, opts := range []WriterOptions{{Prefix: "a/b"}, {Prefix: ".."}, {Level: 10}, {Level: -3}} {
		if _, err := NewWriter(t.TempDir(), opts); err == nil {
			t.Errorf("NewWriter(%+v) accepted", opts)
		}
	}
}

// Files rotate before a record that would take them past MaxFileSize; every
// file is a complete WARC file with its warcinfo record.
func TestRotation(t *testing.T) {
	w, dir := testWriter(t, WriterOptions{MaxFileSize: 4000})
	block := bytes.Repeat([]byte("0123456789abcdef"), 64) // 1 KiB, compresses well
	var locs []Location
	for i := 0; i < 40; i++ {
		rec := &Record{Block: append([]byte(fmt.Sprintf("%04d", i)), block...)}
		rec.Header.Set("WARC-Type", TypeResource)
		loc, err := w.WriteRecord(rec)
		if err != nil {
			t.Fatal(err)
		}
		locs = append(locs, loc)
	}
	big := &Record{Block: randomBytes(10000)}
	big.Header.Set("WARC-Type", TypeResource)
	bigLoc, err := w.WriteRecord(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	files, err := Files(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 3 {
		t.Fatalf("%d files, want rotation", len(files))
	}
	n := 0
	for i, f := range files {
		st, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		recs := 0
		err = ReadFile(f, func(rec *Record, loc Location) error {
			if (recs == 0) != (rec.Type() == TypeWarcinfo) {
				t.Errorf("%s: record %d is %s", f, recs, rec.Type())
			}
			recs++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if st.Size() > 4000 && !(f == bigLoc.File && recs == 2) {
			t.Errorf("%s: %d bytes, more than 4000 with %d records", f, st.Size(), recs)
		}
		if want := fmt.Sprintf("-%05d.warc.gz", i); !strings.HasSuffix(f, want) {
			t.Errorf("file %d is %s, want serial %s", i, f, want)
		}
		n += recs - 1
	}
	if n != 41 {
		t.Errorf("%d records in all files, want 41", n)
	}
	for i, loc := range locs {
		rec, err := ReadAt(loc.File, loc.Offset)
		if err != nil || !bytes.HasPrefix(rec.Block, []byte(fmt.Sprintf("%04d", i))) {
			t.Errorf("record %d at %+v: %v", i, loc, err)
		}
	}
}

// A second writer in the same directory continues the serials.
func TestSerialsAcrossRuns(t *testing.T) {
	dir := t.TempDir()
	for run := 0; run < 3; run++ {
		w, err := NewWriter(dir, WriterOptions{Now: fixedClock(time.Date(2025, 3, 1, 20, 0, 0, 0, time.UTC))})
		if err != nil {
			t.Fatal(err)
		}
		rec := &Record{Block: []byte("x")}
		rec.Header.Set("WARC-Type", TypeResource)
		if _, err := w.WriteRecord(rec); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	files, _ := Files(dir)
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	want := []string{"thidua-20250301200002-00000.warc.gz", "thidua-20250301200002-00001.warc.gz", "thidua-20250301200002-00002.warc.gz"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("files %v, want %v", names, want)
	}
}

func TestConcurrentWrites(t *testing.T) {
	w, dir := testWriter(t, WriterOptions{MaxFileSize: 50000})
	const workers, each = 4, 50
	var wg sync.WaitGroup
	locs := make(chan Location, workers*each)
	for g := 0; g < workers; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				body := fmt.Sprintf("worker %d page %d %s", g, i, randomBytes(500))
				loc, err := w.WriteExchange(fmt.Sprintf("http://h%d/p%d", g, i), time.Time{}, "",
					[]byte("GET / HTTP/1.1\r\n\r\n"), []byte("HTTP/1.1 200 OK\r\n\r\n"+body))
				if err != nil {
					t.Error(err)
					return
				}
				locs <- loc
			}
		}(g)
	}
	wg.Wait()
	close(locs)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	n := 0
	for loc := range locs {
		rec, err := ReadAt(loc.File, loc.Offset)
		if err != nil || rec.Type() != TypeResponse {
			t.Errorf("%+v: %v", loc, err)
		}
		n++
	}
	files, _ := Files(dir)
	total := 0
	for _, f := range files {
		if err := ReadFile(f, func(*Record, Location) error { total++; return nil }); err != nil {
			t.Error(err)
		}
	}
	if n != workers*each || total != 2*workers*each+len(files) {
		t.Errorf("%d locations, %d records in %d files; want %d and %d", n, total, len(files), workers*each, 2*workers*each+len(files))
	}
}

func TestClosed(t *testing.T) {
	w, _ := testWriter(t, WriterOptions{})
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	rec := &Record{}
	rec.Header.Set("WARC-Type", TypeResource)
	if _, err := w.WriteRecord(rec); !errors.Is(err, ErrClosed) {
		t.Errorf("write after Close: %v, want ErrClosed", err)
	}
	if err := w.Sync(); !errors.Is(err, ErrClosed) {
		t.Errorf("Sync after Close: %v, want ErrClosed", err)
	}
}

func TestFormatDate(t *testing.T) {
	tests := []struct {
		in   time.Time
		want string
	}{
		{time.Date(2025, 3, 1, 20, 0, 0, 0, time.UTC), "2025-03-01T20:00:00Z"},
		{time.Date(2025, 3, 1, 20, 0, 0, 123456789, time.FixedZone("ICT", 7*3600)), "2025-03-01T13:00:00.123456Z"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := FormatDate(tt.in); got != tt.want {
				t.Errorf("FormatDate(%v) = %s, want %s", tt.in, got, tt.want)
			}
			back, err := ParseDate(tt.want)
			if err != nil || !back.Equal(tt.in.Truncate(time.Microsecond)) {
				t.Errorf("ParseDate(%s) = %v, %v", tt.want, back, err)
			}
		})
	}
	for _, s := range []string{"2006", "2006-09", "2006-09-19", "2006-09-19T17:20Z"} {
		if _, err := ParseDate(s); err != nil {
			t.Errorf("ParseDate(%q): %v", s, err)
		}
	}
	if _, err := ParseDate("19/09/2006"); err == nil {
		t.Error("ParseDate accepted 19/09/2006")
	}
}

// randomBytes returns n bytes that do not compress.
func randomBytes(n int) []byte {
	b := make([]byte, n)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
	}
	return b
}
