"""saidwhat: who said what, in the news."""
