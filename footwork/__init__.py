"""Footwork: foot, calf and hip training for runners, guided by symptoms."""
