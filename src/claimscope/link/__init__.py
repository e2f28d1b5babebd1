"""Across documents: the same claim in many documents gathered into one proposition. ``words`` makes a
claim's terms, ``weights`` holds their fixed weights, ``similarity`` scores a pair of claims, ``cluster`` finds the
links and their components, ``propositions`` adds the stance map and the grade (``claimscope.grade``)."""
