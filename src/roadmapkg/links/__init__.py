"""Links to authority tables: check them, discover new ones, copy their labels."""
