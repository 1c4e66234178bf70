"""The scene kit: the shared Manim building blocks every scene is made of, each idea once."""
