"""The data the site keeps and computes: the database, incomes, predictions, the model."""
