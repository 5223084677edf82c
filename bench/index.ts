// make bench: runs every benchmark and prints one table (filled in by the ingest and HTTP benches).
console.log('no benchmarks yet');
