// Package extract turns one article, an HTML page or the text a scraper
// saved, into one record (Record, the contract of spec/record.md) with the
// evidence for each field.
//
//	HTML --ParseHTML--> Page --+
//	                           +--fromPage (the field rules)--> Result{Record, Text}
//	text --ParseText--> Page --+
//
// The page layer parses a page once with goquery (x/net/html), walks the
// tree once for metadata (og:/article: meta, JSON-LD, <time>, canonical,
// headings, footer) and block scores, renders the main content, and splits
// its lines into body, captions and footer (chrome, related lists and
// counters dropped). The field rules read the normalized text of the title,
// the body, the captions and the footer (Result.Text) through its folded
// key: lower case, no diacritics, đ → d. One pass folds the text and notes
// the words that begin any cue phrase of any rule; the rules then read
// those hits, the sentences and the capitalized agency names, and search
// the key with plain string search, not regular expressions.
//
// Evidence offsets count runes (Unicode code points) in Result.Text: Start
// and End slice it to the evidence's Text exactly (TestEvidenceSlices).
//
// Which file owns what:
//
//	extract.go   Extract, Document, Options, Result; fromPage: the order of
//	             the rules and the year
//	record.go    Record and its JSON form
//	page.go      Page, ParseHTML, ParseText; the walk over the tree
//	boiler.go    lines (classifyLine, cleanLines), block scores, rendering
//	pubdate.go   publication dates: machine dates, date lines
//	text.go      the folded text: offsets, sentences, the one-pass cue search
//	bloc.go      bloc mentions and relevance; events.go event kinds;
//	date.go      the event date; place.go, provinces.go the province and
//	             the 2025 merger; units.go unit kinds; members.go member
//	             lists, counts, completeness; roles.go leader and deputy;
//	             awards.go awards; theme.go the theme
//
// # Speed
//
// Targets (issue 3), on one core: a whole HTML page to its record in at
// most 2.5 times the CPU of the bare goquery parse of that page, and 5,000
// plain-text articles a second. The benchmarks report CPU time (getrusage),
// so that other processes on a shared machine count less than in wall time:
//
//	go test ./extract -run '^$' -bench 'ExtractHTMLVsGoquery|ParseHTMLVsGoquery|FieldRules|ExtractTextCPU' -benchtime 600x -cpu 1 -benchmem
//
// cpu-ratio is the whole page → record over the bare parse ("fixtures": the
// hand-made pages of testdata/pages; "news": 20 news-sized pages with real
// chrome and inline scripts, crawl/testsite.Mirror); page-ratio the page
// layer alone and rules-ratio the field rules alone, both over the parse.
// Measured 2026-11-22 on the 2-core machine shared with other work (five
// runs each): fixtures 2.33–2.53, news 2.29–2.45 (the split: parse 1, page
// layer 0.4–0.6, field rules 0.7–0.85, the rest cache effects of running
// them in turn); plain text 20,700–22,500 documents per CPU second.
// BenchmarkNewText measures the folding pass alone.
package extract
