package warc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// writeSample writes a small crawl (a few exchanges, a resource record) and
// returns the file and the target URIs of the responses.
func writeSample(t *testing.T) (string, []string) {
	t.Helper()
	w, dir := testWriter(t, WriterOptions{})
	var uris []string
	for i := 0; i < 3; i++ {
		uri := fmt.Sprintf("https://baonghean.vn/giao-uoc-thi-dua-%d.html", i)
		body := fmt.Sprintf("<html><body><h1>Giao ước thi đua %d</h1></body></html>", i)
		resp := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
		req := fmt.Sprintf("GET /giao-uoc-thi-dua-%d.html HTTP/1.1\r\nHost: baonghean.vn\r\nUser-Agent: thidua/0.1\r\n\r\n", i)
		if _, err := w.WriteExchange(uri, time.Date(2025, 3, 1, 20, 0, i, 0, time.UTC), "203.0.113.7", []byte(req), []byte(resp)); err != nil {
			t.Fatal(err)
		}
		uris = append(uris, uri)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	files, err := Files(dir)
	if err != nil || len(files) != 1 {
		t.Fatalf("files %v, %v", files, err)
	}
	return files[0], uris
}

// The files are valid gzip (every member) that zcat turns into WARC text.
func TestInteropGzip(t *testing.T) {
	if _, err := exec.LookPath("gzip"); err != nil {
		t.Skip("gzip not installed")
	}
	file, _ := writeSample(t)
	if out, err := exec.Command("gzip", "-t", file).CombinedOutput(); err != nil {
		t.Fatalf("gzip -t %s: %v %s", file, err, out)
	}
	out, err := exec.Command("gzip", "-dc", file).Output()
	if err != nil {
		t.Fatalf("gzip -dc %s: %v", file, err)
	}
	if !bytes.HasPrefix(out, []byte("WARC/1.1\r\nWARC-Type: warcinfo\r\n")) {
		t.Errorf("zcat %s starts with %q", file, out[:min(len(out), 40)])
	}
	if n := bytes.Count(out, []byte("\r\n\r\nWARC/1.1\r\n")); n != 6 {
		t.Errorf("zcat %s: %d record boundaries, want 6", file, n)
	}
	// The decompressed file reads the same as the compressed one.
	recs, _, err := readAll(t, out)
	if len(recs) != 7 || err == nil || err.Error() != "EOF" {
		t.Errorf("plain copy: %d records, %v", len(recs), err)
	}
}

// warcio (the Webrecorder tool; the JavaScript build "warcio index" /
// "warcio cdx-index", or the Python "warcio index" / "warcio check") reads
// the files. Skipped when warcio is not installed.
func TestInteropWarcio(t *testing.T) {
	tool, err := exec.LookPath("warcio")
	if err != nil {
		t.Skip("warcio not installed (npm install -g warcio, or the Python package)")
	}
	file, uris := writeSample(t)
	out, err := exec.Command(tool, "index", file).CombinedOutput()
	if err != nil {
		t.Fatalf("warcio index %s: %v\n%s", file, err, out)
	}
	var types []string
	var offsets []int64
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var e struct {
			Type   string `json:"warc-type"`
			Offset int64  `json:"offset"`
			Length int64  `json:"length"`
		}
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("warcio index line %q: %v", line, err)
		}
		types = append(types, e.Type)
		offsets = append(offsets, e.Offset)
	}
	if got := strings.Join(types, " "); got != "warcinfo request response request response request response" {
		t.Errorf("warcio index types: %s", got)
	}
	var want []int64
	if err := ReadFile(file, func(_ *Record, l Location) error { want = append(want, l.Offset); return nil }); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(offsets) != fmt.Sprint(want) {
		t.Errorf("warcio offsets %v, ours %v", offsets, want)
	}
	cdx, err := exec.Command(tool, "cdx-index", file).CombinedOutput()
	if err != nil {
		t.Fatalf("warcio cdx-index %s: %v\n%s", file, err, cdx)
	}
	for _, u := range uris {
		if !strings.Contains(string(cdx), u) {
			t.Errorf("warcio cdx-index lacks %s:\n%s", u, cdx)
		}
	}
	// The CDX digest is the payload digest: warcio agrees on the entity body.
	var payload []string
	ReadFile(file, func(r *Record, _ Location) error {
		if r.Type() == TypeResponse {
			payload = append(payload, strings.TrimPrefix(r.Header.Get("WARC-Payload-Digest"), "sha1:"))
		}
		return nil
	})
	for _, d := range payload {
		if !strings.Contains(string(cdx), `"digest":"`+d+`"`) {
			t.Errorf("warcio cdx-index lacks digest %s:\n%s", d, cdx)
		}
	}
	// The Python warcio also has "check", which recomputes the digests.
	if help, _ := exec.Command(tool, "--help").CombinedOutput(); bytes.Contains(help, []byte("check")) {
		if out, err := exec.Command(tool, "check", "-v", file).CombinedOutput(); err != nil {
			t.Errorf("warcio check %s: %v\n%s", file, err, out)
		}
	}
}
