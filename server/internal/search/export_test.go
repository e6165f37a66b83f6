package search

// SetBackfillBatch sets the backfill's batch size for a test and returns
// the function that restores it.
func SetBackfillBatch(n int) (restore func()) {
	old := backfillBatch
	backfillBatch = n
	return func() { backfillBatch = old }
}
