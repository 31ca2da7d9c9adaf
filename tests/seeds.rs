//! Acceptance checks on the real seed documents in ../shared/seeds.
