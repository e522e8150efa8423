//! The shallow event coder: tokens, actor and agent automata, verb patterns, source and target assignment.
