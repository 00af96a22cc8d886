package normalize

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// articleFiles reads the real article texts in testdata/normalize.
func articleFiles(tb testing.TB) map[string]string {
	tb.Helper()
	paths, err := filepath.Glob("../testdata/normalize/*.txt")
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no fixtures in ../testdata/normalize: %v", err)
	}
	m := map[string]string{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		m[filepath.Base(p)] = string(b)
	}
	return m
}

// articles returns the fixtures' texts in file-name order.
func articles(tb testing.TB) []string {
	m := articleFiles(tb)
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []string
	for _, n := range names {
		out = append(out, m[n])
	}
	return out
}

// oldTone rewrites canonical text into the old tone placement ("hòa" →
// "hoà"): the inverse of fixTone, for building test inputs.
func oldTone(s string) string {
	r := []rune(s)
	for i := 0; i+1 < len(r); i++ {
		q1, tone, up1 := vowelOf(r[i])
		q2, t2, up2 := vowelOf(r[i+1])
		if tone == 0 || t2 != 0 {
			continue
		}
		if !((q1 == qO && (q2 == qA || q2 == qE)) || (q1 == qU && q2 == qY)) {
			continue
		}
		if i+2 < len(r) && isWordRune(r[i+2]) {
			continue
		}
		if i > 0 && isWordRune(r[i-1]) {
			p := FoldRune(r[i-1])
			if strings.ContainsRune("qaeiouy", p) {
				continue
			}
		}
		r[i] = vowelRune(q1, 0, up1)
		r[i+1] = vowelRune(q2, tone, up2)
	}
	return string(r)
}

// firstDiff describes where two strings first differ.
func firstDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	for i > 0 && !utf8.RuneStart(want[min(i, len(want)-1)]) {
		i--
	}
	return fmt.Sprintf("byte %d: got %.40q, want %.40q", i, got[i:], want[min(i, len(want)):])
}

// stringSlow is String as it was before the walk: the whole text through
// the cleaner unless it is canonical. It is the reference of the tests.
func stringSlow(s string) string {
	if isCanonical(s) {
		return s
	}
	var c cleaner
	return string(c.process(make([]byte, 0, len(s)+16), []byte(s)))
}
