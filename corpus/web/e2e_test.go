package web

import (
	"context"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/thidua/thidua/corpus"
)

// chromium is Debian's Chromium, which the end-to-end test drives.
const chromium = "/usr/bin/chromium"

// browser starts a headless Chromium for t, or skips t when there is none.
func browser(t *testing.T) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test with a browser: skipped with -short")
	}
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("no %s (apt-get install chromium): end-to-end test skipped", chromium)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox, // root in a container
		chromedp.DisableGPU,
		chromedp.WindowSize(1280, 900),
	)
	actx, cancel := chromedp.NewExecAllocator(t.Context(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	// A bound on the whole browser session, so that a hung page fails
	// the test instead of the test binary's timeout.
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// screenshot saves the page as name in the test's artifact directory.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.ArtifactDir(), name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// jsCells reads the matrix the page drew: "row|col" -> "state records".
const jsCells = `Object.fromEntries([...document.querySelectorAll("table.matrix td[data-state]")].map(
	(td) => [td.dataset.row + "|" + td.dataset.col, td.dataset.state + " " + td.dataset.records]))`

// TestPageEndToEnd opens the page in Chromium, types "bien phong", checks
// the matrix against the corpus answer it was built from, opens a cell's
// record, and saves screenshots (desktop and phone widths). It is served
// as thidua serve does: through a corpus.Shared, opened read-only per
// request and closed when idle.
func TestPageEndToEnd(t *testing.T) {
	ctx := browser(t)
	w := openFixtures(t, fixture, xssFixture)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	sh := corpus.NewShared(w.Dir(), corpus.Options{}, 0)
	t.Cleanup(func() { sh.Close() })
	srv := httptest.NewServer(NewHandler(sh, Options{}))
	t.Cleanup(srv.Close)

	err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#q")),
		chromedp.SendKeys(chromedp.CSS("#q"), "bien phong"),
		chromedp.Click(chromedp.CSS(`#search-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("table.matrix td[data-state]")),
	)
	if err != nil {
		t.Fatal(err)
	}
	cells, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](jsCells))
	if err != nil {
		t.Fatal(err)
	}
	c, release, err := sh.Acquire()
	if err != nil {
		t.Fatal(err)
	}
	m, err := c.Query("bien phong", corpus.Filter{}, "")
	release()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	members := 0
	for i, row := range m.Rows {
		for j, col := range m.Cols {
			cell := m.Cells[i][j]
			want[row+"|"+col] = string(cell.State) + " " + strings.Join(cell.Records, " ")
			if cell.State == corpus.Member {
				members++
			}
		}
	}
	if members == 0 {
		t.Fatal("the corpus answer has no member cell: the test checks little")
	}
	if len(cells) != len(want) {
		t.Errorf("page shows %d cells, corpus answer has %d", len(cells), len(want))
	}
	for k, w := range want {
		if cells[k] != w {
			t.Errorf("cell %s: page %q, corpus %q", k, cells[k], w)
		}
	}
	screenshot(t, ctx, "matrix-desktop.png")

	// A member cell opens its record: Hà Tĩnh 2020 is seed-000 (or its copy).
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`td[data-row="Hà Tĩnh"][data-col="2020"] button`)),
		chromedp.WaitVisible(chromedp.CSS("#record h2[data-record]")),
	)
	if err != nil {
		t.Fatal(err)
	}
	title, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS("#record h2")))
	if err != nil {
		t.Fatal(err)
	}
	href, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS("#record a"), "href"))
	if err != nil {
		t.Fatal(err)
	}
	link := href.Value
	if !strings.Contains(title, "Ký giao ước thi đua năm 2020") || !strings.HasPrefix(link, "https://") {
		t.Errorf("record view: title %q link %q, want the Hà Tĩnh 2020 signing with its article link", title, link)
	}
	err = chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	if err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "record-phone.png")
}

// TestPageXSS opens the record whose title, bloc, members, theme, evidence
// and URL hold script payloads, and checks that they show as text and that
// nothing ran.
func TestPageXSS(t *testing.T) {
	ctx := browser(t)
	c := openFixtures(t, fixture, xssFixture)
	srv := httptest.NewServer(NewHandler(c, Options{}))
	t.Cleanup(srv.Close)

	err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/#record=xss-1"),
		chromedp.WaitVisible(chromedp.CSS("#record h2[data-record]")),
	)
	if err != nil {
		t.Fatal(err)
	}
	title, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS("#record h2")))
	if err != nil {
		t.Fatal(err)
	}
	member, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(`#record dd[data-field="members.0"]`)))
	if err != nil {
		t.Fatal(err)
	}
	// The search view shows fragments of the same payloads.
	err = chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/#q="+url.QueryEscape("khối thi đua")),
		chromedp.WaitVisible(chromedp.CSS("ol.hits li")),
		chromedp.Sleep(200*time.Millisecond), // let any payload's handlers fire
	)
	if err != nil {
		t.Fatal(err)
	}
	eval := func(expr string) float64 {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[float64](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}
	ran := eval(`window.__xss === 1 ? 1 : 0`) == 1
	scripts := eval(`document.scripts.length`)
	jsLinks := eval(`document.querySelectorAll('a[href^="javascript:"]').length`)
	injected := eval(`document.querySelectorAll("main img, main svg, main script, main b").length`)
	fragments := eval(`document.querySelectorAll("ol.hits mark").length`)
	if fragments == 0 {
		t.Error("no highlighted fragments in the search view: the payloads in fragments were not shown")
	}
	if ran {
		t.Error("window.__xss is set: a payload ran")
	}
	if !strings.HasPrefix(title, "<script>window.__xss=1</script>") {
		t.Errorf("title shown as %q, want the payload as text", title)
	}
	if !strings.Contains(member, `"onerror="window.__xss=1"`) {
		t.Errorf("member shown as %q, want the payload as text", member)
	}
	if scripts != 1 {
		t.Errorf("%v script elements, want only app.js", scripts)
	}
	if jsLinks != 0 || injected != 0 {
		t.Errorf("%v javascript: links and %v elements from payloads in the page", jsLinks, injected)
	}
	screenshot(t, ctx, "xss-search.png")
}
