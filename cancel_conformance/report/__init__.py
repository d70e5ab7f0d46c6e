"""Results of a run and the files written from them: results.json, JUnit XML, the HTML report."""
