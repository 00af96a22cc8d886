// Package web puts a corpus in front of people: a read-only JSON API and
// one page, served from the binary, that asks it questions.
//
// Tests: api_test.go and web_test.go (httptest), xss_test.go (payloads in
// crawled fields), e2e_test.go (Debian's Chromium through chromedp; skipped
// when /usr/bin/chromium is absent or with -short), load_test.go (requests
// per second and p99 of /api/query, over a held and a shared corpus),
// coexist_test.go (a writer's open of the same data directory beside the
// server).
//
// Files:
//   - web.go: Options, Source, NewHandler and the routes; each request
//     acquires the corpus from the Source (thidua serve's is a
//     corpus.Shared: open read-only while requests come, closed when
//     idle, so that writers get the store between them);
//   - guard.go: what every request goes through: methods (GET and HEAD
//     only), query length, security headers (Content-Security-Policy);
//   - errors.go: errors as JSON with a status that fits (503 busy while
//     a writer holds the store past the wait);
//   - params.go: the query parameters, mapped to corpus.Filter as the
//     command line maps its flags;
//   - api.go: /api/query, /api/compare, /api/search, /api/records/{id},
//     /api/stats and /api/download;
//   - cells.go: matrix and table cells as the API writes them, with at
//     most MaxCellRecords ids each;
//   - cache.go: the answers of /api/query and /api/compare, kept per
//     store generation;
//   - server.go: Serve, the http.Server with its timeouts, bound to
//     loopback unless an address names a host;
//   - static.go and static/: the page (index.html, app.js, style.css),
//     embedded (no inline script: the CSP forbids it). The page builds
//     its DOM with textContent only: crawled text is untrusted.
package web
