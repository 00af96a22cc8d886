package corpus

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/thidua/thidua/extract"
)

// The child side of TestKillIndex: rebuild the index of THIDUA_KILL_DIR in
// small batches, printing a line per batch, until killed.
func TestKillIndexChild(t *testing.T) {
	dir := os.Getenv("THIDUA_KILL_DIR")
	if dir == "" {
		t.Skip("run by TestKillIndex")
	}
	c, err := Open(dir, Options{BatchSize: 50, Progress: func(done, total int) { fmt.Printf("progress %d/%d\n", done, total) }})
	if err != nil {
		t.Fatal(err)
	}
	err = c.Reindex(context.Background(), func(done, total int) { fmt.Printf("progress %d/%d\n", done, total) })
	if err != nil {
		t.Fatal(err)
	}
}

// TestKillIndex kills (SIGKILL) a process rebuilding the index midway and
// checks that the next Open works: on the previous index, or by rebuilding
// with a notice.
func TestKillIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	const n = 2000
	dir := t.TempDir()
	c, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	recs := readRecords(t, goldSeeds)
	var gen []extract.Record
	for r := range Generate(recs, n) {
		gen = append(gen, r)
	}
	if _, err := c.Put(gen...); err != nil {
		t.Fatal(err)
	}
	c.Close()

	tests := []struct {
		name   string
		before func()
		notice string // expected on the Log of the next Open; "" for none
	}{
		{"rebuild of a good index", func() {}, ""},
		{"first build", func() { os.RemoveAll(filepath.Join(dir, indexDirName)) }, "building it from the records"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.before()
			cmd := exec.Command(os.Args[0], "-test.run=^TestKillIndexChild$")
			cmd.Env = append(os.Environ(), "THIDUA_KILL_DIR="+dir)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(out)
			seen := 0
			for sc.Scan() {
				if strings.HasPrefix(sc.Text(), "progress") {
					if seen++; seen == 5 {
						break
					}
				}
			}
			if seen < 5 {
				t.Fatalf("child ended before the kill (%d batches seen)", seen)
			}
			cmd.Process.Kill()
			cmd.Wait()
			if _, err := os.Stat(filepath.Join(dir, indexTmpName)); err != nil {
				t.Fatalf("no unfinished index left by the kill: %v", err)
			}

			var log bytes.Buffer
			c, err := Open(dir, Options{Log: &log})
			if err != nil {
				t.Fatalf("open after kill: %v", err)
			}
			defer c.Close()
			if tt.notice == "" && log.Len() > 0 || !strings.Contains(log.String(), tt.notice) {
				t.Errorf("notice %q, want %q", log.String(), tt.notice)
			}
			res, err := c.Search("", Filter{All: true}, Page{Limit: 1})
			if err != nil || res.Total != n {
				t.Errorf("search after kill: %d hits, %v; want %d", res.Total, err, n)
			}
		})
	}
}
