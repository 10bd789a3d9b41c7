//! Neo4j access through neo4rs: stream the graph's user nodes page by page with
//! Cypher that Neo4j 4.4 and 5.x both run; every value is a query parameter.
