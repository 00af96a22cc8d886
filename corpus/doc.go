// Package corpus keeps the records on disk, a bleve index over them, and
// answers the researcher's questions: which provinces count a unit among
// the members of their Khối thi đua Nội chính, year by year.
//
// A data directory holds records/store.db (the store, bbolt: the source of
// truth, crash-safe by transactions) and index/ (bleve, scorch; derived,
// rebuilt from the store whenever it is missing, does not open, or is
// behind: every index batch carries the store generation it reflects).
// A Put is durable once its store transaction commits; its index batch is
// searchable at once and persisted in the background, and Close waits for
// it, so only a crash can leave the index behind (and Open then rebuilds).
//
// # Readers beside writers
//
// A read-write Open locks the store exclusively; Options.ReadOnly takes a
// shared lock, opens the index read-only at the first search, creates and
// rebuilds nothing, and refuses writes with ErrReadOnly. A writer waits
// for readers up to Options.LockTimeout (30 s by default, with a notice on
// Options.Log), then fails with ErrBusy. Shared opens a data directory
// read-only on demand for concurrent callers and closes it once idle
// (DefaultIdle): thidua serve holds the store only while it answers, so
// the nightly run and imports get it between requests.
//
// # Speed
//
// Query and Compare read the cells bucket, never the records; the decoded
// cells stay in memory until the store's generation changes. Import into
// an empty store feeds the records it stores to bleve's offline builder,
// as a rebuild does, without reading them back. The benchmarks
// (bench_test.go) build 100,000 generated records and report records per
// second and per CPU second for Put, Import and Reindex, and the answers'
// times beside a scan of the JSONL dump.
//
// Indexing a record costs its analysis and bleve's segment building; the
// rest is kept small. Documents are made from the mapping's field options
// with one field per field name (builder.go), their text split by
// wordsAnalyzer in one pass (analyzer.go); a rebuild feeds scorch's offline
// builder. A Put indexes only the records it was given (those it links or
// unlinks change only in the store) and decodes stored records only as far
// as linking reads them. Links have a bucket of their own (store.go):
// linking a new record to earlier ones rewrites their short lists of
// links, not their records, which are read no further than their URL.
// Put's index merges segments twenty at a time. Each document's terms are
// counted in an arena reused once bleve has built the segment of its batch
// (builder.go), and records are decoded by internal/fastjson. At 100,000
// records, on one core of a shared machine (figures vary by 10 % from run
// to run, more when the machine is busy): Reindex (`thidua index`) 7,700
// to 8,000 records per CPU second; Import into an empty store 4,900 to
// 5,500, peak RSS 360 to 400 MiB; Import into a store that has records
// (BenchmarkImportInto: each batch stored, then added to the live index,
// Close included) 5,100 to 5,400, 510 MiB. The same through the binary,
// one core (go test ./cmd/thidua -bench IndexCommands): index --rebuild
// 7,700, import 5,500, import into a corpus with records 4,950. Indexing
// costs bleve's analysis and segment building (about 10 CPU seconds per
// 100,000 records), the store's transactions about 5 more (encoding
// records, links and cells; bbolt's commits), then merging and the
// garbage collector. A link key ties at most maxLinkGroup records, so a
// Put costs the same however many pages share a headline (links.go).
//
// # Cell semantics
//
// For a province P (or merged province, ByProvince2025) and a year Y, among
// the relevant records of P/Y at the provincial level (Filter.Level):
//   - member: some record lists the unit among the members;
//   - absent: no record lists it and at least one has members_complete;
//   - unknown: otherwise (no record, or only incomplete lists).
//
// A Cell keeps the ids of all its records and of those that decide its
// state. Records linked as syndicated copies or reports of the same event
// (links.go) are all listed but counted once (Cell.Articles, Stats).
//
// # Files
//
//	corpus.go   Corpus, Options, Filter, Open, Close, errors
//	readonly.go the store's lock (and the wait for it), read-only opens,
//	            the index opened at the first search
//	shared.go   Shared: a read-only corpus opened on demand, closed when idle
//	store.go    the bbolt store: Put, Get, All, generation, the links
//	            bucket and the move of format-1 links into it
//	links.go    syndicated and same-event links
//	cells.go    the province×year aggregate kept in the store, and its
//	            decoded copy kept in memory per store generation
//	filter.go   resolving and applying a Filter
//	index.go    the Vietnamese mapping, indexing, rebuild, the index's
//	            format marker
//	analyzer.go wordsAnalyzer: the unicode tokenizer and to_lower in one
//	            pass over Latin text, registered with bleve
//	indexdoc.go what the index holds of a record (decoded from the store
//	            without the fields it does not index), year_key ranges
//	builder.go  documents made from the mapping's field options, one
//	            field per name (termsField), for Put and the offline
//	            builder of a rebuild
//	fields.go   query-string terms without a field spread over the text
//	            fields (the mapping has no _all field)
//	query.go    Query and Compare
//	search.go   Search: query strings over exact and folded text, facets
//	import.go   Import of JSONL with line-numbered errors; the index an
//	            Import into an empty store builds as it goes
//	dump.go     Dump as JSONL or CSV
//	schema.go   the JSON Schema of a record
//	card.go     the dataset card
//	stats.go    counts by province and year
//	render.go   tables, Markdown, CSV and JSON output
//	generate.go synthetic records for benchmarks and load tests
package corpus
