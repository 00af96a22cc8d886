package warc

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// File names: <Prefix>-<UTC yyyymmddhhmmss>-<serial>.warc.gz, with ".open"
// appended while the file is being written.
const (
	gzSuffix    = ".warc.gz"
	openSuffix  = ".open"
	stampLayout = "20060102150405"
)

// nameRE matches the names this package writes (without ".open").
var nameRE = regexp.MustCompile(`^(.+)-(\d{14})-(\d{5,})\.warc\.gz$`)

// fileName returns the name of a finished file.
func fileName(prefix string, t time.Time, serial int) string {
	return fmt.Sprintf("%s-%s-%05d%s", prefix, t.UTC().Format(stampLayout), serial, gzSuffix)
}

// parseName splits a file name written by this package (".open" allowed).
func parseName(name string) (prefix, stamp string, serial int, ok bool) {
	m := nameRE.FindStringSubmatch(strings.TrimSuffix(name, openSuffix))
	if m == nil {
		return "", "", 0, false
	}
	n, err := strconv.Atoi(m[3])
	if err != nil {
		return "", "", 0, false
	}
	return m[1], m[2], n, true
}

// isWARCName reports whether name is a WARC file, finished or open,
// compressed or not.
func isWARCName(name string) bool {
	name = strings.TrimSuffix(name, openSuffix)
	return strings.HasSuffix(name, ".warc.gz") || strings.HasSuffix(name, ".warc")
}

// Files returns the WARC files in dir, finished (".warc.gz", ".warc") and
// open (".open"), in the order they were written: files named by this
// package by serial within a prefix and by time stamp across prefixes, then
// other WARC files by name.
func Files(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("warc: list %s: %w", dir, err)
	}
	var names []string
	for _, e := range ents {
		if e.Type().IsRegular() && isWARCName(e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Slice(names, func(i, j int) bool { return lessName(names[i], names[j]) })
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = filepath.Join(dir, n)
	}
	return out, nil
}

func lessName(a, b string) bool {
	pa, sa, na, oka := parseName(a)
	pb, sb, nb, okb := parseName(b)
	switch {
	case oka && okb && pa == pb:
		// One writer's files: the serial is the order, whatever the clock did.
		if na != nb {
			return na < nb
		}
	case oka && okb:
		if sa != sb {
			return sa < sb
		}
	case oka != okb:
		return oka
	}
	return a < b
}

// nextSerial returns one more than the highest serial of the files of this
// prefix in dir, so serials keep growing across runs.
func nextSerial(dir, prefix string) (int, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return 0, fmt.Errorf("warc: list %s: %w", dir, err)
	}
	next := 0
	for _, e := range ents {
		if p, _, n, ok := parseName(e.Name()); ok && p == prefix && n >= next {
			next = n + 1
		}
	}
	return next, nil
}

// repairOpen finishes the ".open" files of this prefix left in dir by a
// writer that did not close them (a killed run): each is cut after its last
// complete gzip member and renamed to its finished name. A file with no
// complete member is removed. Files locked by a live writer are left alone.
func repairOpen(dir, prefix string) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("warc: list %s: %w", dir, err)
	}
	for _, e := range ents {
		name := e.Name()
		if !strings.HasSuffix(name, openSuffix) {
			continue
		}
		if p, _, _, ok := parseName(name); !ok || p != prefix {
			continue
		}
		if err := repairFile(filepath.Join(dir, name)); err != nil {
			return err
		}
	}
	return nil
}

// repairFile repairs one ".open" file (see repairOpen).
func repairFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("warc: repair %s: %w", path, err)
	}
	defer f.Close()
	locked, err := tryLock(f)
	if err != nil {
		return fmt.Errorf("warc: repair %s: lock: %w", path, err)
	}
	if !locked {
		return nil // a live writer owns it
	}
	good, err := completeMembers(f)
	if err != nil {
		return fmt.Errorf("warc: repair %s: %w", path, err)
	}
	final := strings.TrimSuffix(path, openSuffix)
	if good == 0 {
		if err := os.Remove(path); err != nil {
			return fmt.Errorf("warc: repair %s: %w", path, err)
		}
		return syncDir(filepath.Dir(path))
	}
	if err := f.Truncate(good); err != nil {
		return fmt.Errorf("warc: repair %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("warc: repair %s: %w", path, err)
	}
	if err := os.Rename(path, final); err != nil {
		return fmt.Errorf("warc: repair %s: %w", path, err)
	}
	return syncDir(filepath.Dir(path))
}

// completeMembers returns the length of the prefix of f made of complete
// gzip members (each decompresses and passes its checksum).
func completeMembers(f *os.File) (int64, error) {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return 0, err
	}
	cnt := &countReader{r: f}
	src := bufio.NewReaderSize(cnt, 64<<10) // an io.ByteReader: gzip reads no further than a member
	var gz *gzip.Reader
	var good int64
	for {
		var err error
		if gz == nil {
			gz, err = gzip.NewReader(src)
		} else {
			err = gz.Reset(src)
		}
		if err != nil {
			if isDataError(err) {
				return good, nil // clean end (io.EOF) or a torn member
			}
			return 0, err
		}
		gz.Multistream(false)
		if _, err := io.Copy(io.Discard, gz); err != nil {
			if isDataError(err) {
				return good, nil
			}
			return 0, err
		}
		good = cnt.n - int64(src.Buffered())
	}
}

// isDataError reports whether err comes from bad or torn compressed data
// rather than from the file system.
func isDataError(err error) bool {
	return classify(err) == ErrTruncated || classify(err) == ErrCorrupt
}

// syncDir fsyncs a directory so that a rename or a new file survives a crash.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("warc: sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return fmt.Errorf("warc: sync %s: %w", dir, err)
	}
	return nil
}
