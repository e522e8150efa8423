//! Readers for TABARI and PETRARCH dictionary formats: verbs, actors, agents, discards, issues, options, projects.
