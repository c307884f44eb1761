"""What the tests share besides fixtures: files and programs from outside the repository,
browsers and pages, RDF rows, servers, stored and hand-written answers, faulty networks."""
