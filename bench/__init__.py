"""Benchmarks for RoleCall's HTTP path; see bench/README.md."""
