package warc

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// writeN writes n resource records and returns their locations.
func writeN(t testing.TB, w *Writer, n int, tag string) []Location {
	t.Helper()
	var locs []Location
	for i := 0; i < n; i++ {
		rec := &Record{Block: []byte(fmt.Sprintf("%s %d %s", tag, i, randomBytes(300)))}
		rec.Header.Set("WARC-Type", TypeResource)
		loc, err := w.WriteRecord(rec)
		if err != nil {
			t.Fatal(err)
		}
		locs = append(locs, loc)
	}
	return locs
}

// A file left ".open" with a torn last member: NewWriter cuts the torn
// member, finishes the file, and new records go after it (in a new file);
// every earlier record stays readable at its location.
func TestRepairTornTail(t *testing.T) {
	cuts := []struct {
		name string
		cut  func(last Location) int64 // new file size
	}{
		{"mid member", func(l Location) int64 { return l.Offset + l.Length/2 }},
		{"in gzip trailer", func(l Location) int64 { return l.Offset + l.Length - 4 }},
		{"gzip header only", func(l Location) int64 { return l.Offset + 3 }},
		{"at member boundary", func(l Location) int64 { return l.Offset }},
	}
	for _, c := range cuts {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			w, err := NewWriter(dir, WriterOptions{})
			if err != nil {
				t.Fatal(err)
			}
			locs := writeN(t, w, 5, "before")
			if err := w.Sync(); err != nil {
				t.Fatal(err)
			}
			// Simulate the kill: the file stays ".open", the last member torn.
			last := locs[len(locs)-1]
			open := last.File + openSuffix
			if err := os.Truncate(open, c.cut(last)); err != nil {
				t.Fatal(err)
			}
			w.f.Close() // drop the lock as the dead process would; no rename

			w2, err := NewWriter(dir, WriterOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(open); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("%s: .open file still there: %v", c.name, err)
			}
			st, err := os.Stat(last.File)
			if err != nil {
				t.Fatalf("%s: repaired file: %v", c.name, err)
			}
			if st.Size() != last.Offset {
				t.Errorf("%s: repaired file has %d bytes, want %d", c.name, st.Size(), last.Offset)
			}
			after := writeN(t, w2, 3, "after")
			if err := w2.Close(); err != nil {
				t.Fatal(err)
			}
			for i, l := range append(locs[:len(locs)-1], after...) {
				if _, err := ReadAt(l.File, l.Offset); err != nil {
					t.Errorf("%s: record %d at %+v: %v", c.name, i, l, err)
				}
			}
			if after[0].File == last.File {
				t.Errorf("%s: new records appended to the repaired file", c.name)
			}
			files, _ := Files(dir)
			n := 0
			for _, f := range files {
				if err := ReadFile(f, func(*Record, Location) error { n++; return nil }); err != nil {
					t.Errorf("%s: %v", c.name, err)
				}
				if out, err := exec.Command("gzip", "-t", f).CombinedOutput(); err != nil && !errors.Is(err, exec.ErrNotFound) {
					t.Errorf("%s: gzip -t %s: %v %s", c.name, f, err, out)
				}
			}
			if want := 4 + 3 + 2; n != want { // 4 kept + 3 new + 2 warcinfo
				t.Errorf("%s: %d records in all files, want %d", c.name, n, want)
			}
		})
	}
}

// A ".open" file without one complete member is removed.
func TestRepairEmpty(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "thidua-20250301200000-00000.warc.gz.open")
	if err := os.WriteFile(name, []byte{0x1f, 0x8b, 8}, 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := NewWriter(dir, WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if files, _ := Files(dir); len(files) != 0 {
		t.Errorf("files after repair: %v, want none", files)
	}
}

// A ".open" file of a live writer (locked) is not touched by a second
// writer, nor one of another prefix.
func TestRepairLeavesLiveFiles(t *testing.T) {
	dir := t.TempDir()
	w1, err := NewWriter(dir, WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	locs := writeN(t, w1, 3, "live")
	other, err := NewWriter(dir, WriterOptions{Prefix: "other"})
	if err != nil {
		t.Fatal(err)
	}
	writeN(t, other, 1, "other")
	otherOpen := other.final + openSuffix
	other.f.Close() // abandoned, but another prefix

	w2, err := NewWriter(dir, WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(locs[0].File + openSuffix); err != nil {
		t.Errorf("live .open file: %v", err)
	}
	if _, err := os.Stat(otherOpen); err != nil {
		t.Errorf("other prefix .open file: %v", err)
	}
	more := writeN(t, w1, 2, "live")
	mine := writeN(t, w2, 2, "second")
	if more[0].File == mine[0].File {
		t.Errorf("two writers share %s", mine[0].File)
	}
	if err := w1.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w2.Close(); err != nil {
		t.Fatal(err)
	}
	for _, l := range append(append(locs, more...), mine...) {
		if _, err := ReadAt(l.File, l.Offset); err != nil {
			t.Errorf("%+v: %v", l, err)
		}
	}
}

// While a file is being written, Location names its final name and ReadAt
// reads the ".open" file.
func TestReadOpenFile(t *testing.T) {
	w, dir := testWriter(t, WriterOptions{})
	locs := writeN(t, w, 2, "open")
	if strings.HasSuffix(locs[0].File, openSuffix) {
		t.Errorf("location names %s", locs[0].File)
	}
	if _, err := ReadAt(locs[1].File, locs[1].Offset); err != nil {
		t.Error(err)
	}
	files, _ := Files(dir)
	if len(files) != 1 || !strings.HasSuffix(files[0], ".warc.gz.open") {
		t.Errorf("Files while writing: %v", files)
	}
}

func TestFilesOrder(t *testing.T) {
	dir := t.TempDir()
	names := []string{
		"zz-20250301200000-00000.warc.gz",
		"a-20250302000000-00011.warc.gz.open",
		"a-20250301200000-00010.warc.gz",
		"a-20250301200000-00002.warc.gz",
		"legacy.warc",
		"notes.txt",
	}
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, err := Files(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range files {
		got = append(got, filepath.Base(f))
	}
	want := "a-20250301200000-00002.warc.gz a-20250301200000-00010.warc.gz zz-20250301200000-00000.warc.gz a-20250302000000-00011.warc.gz.open legacy.warc"
	if strings.Join(got, " ") != want {
		t.Errorf("Files = %v\nwant %s", got, want)
	}
	if _, err := Files(filepath.Join(dir, "missing")); err == nil {
		t.Error("Files of a missing directory: no error")
	}
}

// A writer process killed with SIGKILL in the middle of its writes: every
// location it reported stays readable after NewWriter repairs the directory.
func TestKillDuringWrites(t *testing.T) {
	if os.Getenv("WARC_KILL_HELPER_DIR") != "" {
		t.Skip("helper process")
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillHelper$")
	cmd.Env = append(os.Environ(), "WARC_KILL_HELPER_DIR="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	var locs []Location
	for sc.Scan() && len(locs) < 300 {
		var l Location
		if json.Unmarshal(sc.Bytes(), &l) == nil && l.File != "" {
			locs = append(locs, l)
		}
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if len(locs) < 300 {
		t.Fatalf("helper reported %d locations before dying", len(locs))
	}
	w, err := NewWriter(dir, WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	writeN(t, w, 1, "after the kill")
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	for _, l := range locs {
		if _, err := ReadAt(l.File, l.Offset); err != nil {
			t.Errorf("reported location %+v lost: %v", l, err)
		}
	}
	files, _ := Files(dir)
	for _, f := range files {
		if strings.HasSuffix(f, openSuffix) {
			t.Errorf("%s left open", f)
		}
		if err := ReadFile(f, func(*Record, Location) error { return nil }); err != nil {
			t.Errorf("after repair: %v", err)
		}
	}
}

// TestKillHelper is the process TestKillDuringWrites kills: it writes
// records (rotating often) and prints each location, until killed.
func TestKillHelper(t *testing.T) {
	dir := os.Getenv("WARC_KILL_HELPER_DIR")
	if dir == "" {
		t.Skip("run by TestKillDuringWrites")
	}
	w, err := NewWriter(dir, WriterOptions{MaxFileSize: 64 << 10})
	if err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(os.Stdout)
	for i := 0; time.Since(time.Time{}) > 0; i++ {
		body := bytes.Repeat(randomBytes(1000), 1+i%5)
		loc, err := w.WriteExchange(fmt.Sprintf("http://example.vn/%d", i), time.Time{}, "127.0.0.1",
			[]byte("GET / HTTP/1.1\r\n\r\n"), append([]byte("HTTP/1.1 200 OK\r\n\r\n"), body...))
		if err != nil {
			t.Fatal(err)
		}
		enc.Encode(loc)
	}
}
